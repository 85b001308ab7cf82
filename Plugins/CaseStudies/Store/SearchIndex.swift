import Foundation
import GRDB

/// Upkeep of the full-text index (`caseStudies_search`).
///
/// FTS5 writes what each transaction adds to the index as a new segment, and a large import as several (one for
/// every megabyte or so of text); it merges them only a few at a time. A query reads every segment: after loading
/// the benchmark's 5,000 studies, a search took 1.7 times as long as on one merged segment (0.70 ms against 0.41 ms
/// per query, the same queries and SQL), which is what the shared kit's index, built in one pass, has.
enum SearchIndex {
    /// An import that writes at least this many studies leaves the index merged into one segment. Smaller writes are
    /// left to FTS5's own merging: merging rewrites the whole index (a fifth of a second for 5,000 studies).
    static let mergeAfterWriting = 100

    /// Merges every segment of the index into one (FTS5's `optimize`). Results and scores do not change.
    static func merge(in db: Database) throws {
        try db.execute(sql: "INSERT INTO caseStudies_search(caseStudies_search) VALUES ('optimize')")
    }

    /// How many segments the index has (from FTS5's structure record, row 10 of `caseStudies_search_data`: a 4-byte
    /// cookie, the 4-byte mark of a second version of the record if there is one, then the number of levels and the
    /// number of segments as varints).
    static func segmentCount(in db: Database) throws -> Int {
        guard let block = try Data.fetchOne(db, sql: "SELECT block FROM caseStudies_search_data WHERE id = 10")
        else { return 0 }
        var bytes = Array(block.dropFirst(4))[...]
        if bytes.starts(with: [0xFF, 0x00, 0x00, 0x01]) { bytes = bytes.dropFirst(4) }
        _ = varint(&bytes)
        return Int(varint(&bytes))
    }

    /// SQLite's varint: 7 bits a byte, high bit set while more follow (the ninth byte gives 8 bits).
    private static func varint(_ bytes: inout ArraySlice<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<9 {
            guard let byte = bytes.popFirst() else { break }
            if index == 8 { return value << 8 | UInt64(byte) }
            value = value << 7 | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 { break }
        }
        return value
    }
}
