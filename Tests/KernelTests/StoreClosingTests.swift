import Foundation
import GRDB
import Testing

@testable import Kernel

@Suite("The store's write-ahead log at open and close")
struct StoreClosingTests {
    /// A database file in a fresh temporary directory.
    struct TemporaryDatabase {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wal-\(UUID().uuidString)")
        var path: String { directory.appendingPathComponent("indaba.sqlite").path }

        init() throws { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }

        func remove() { try? FileManager.default.removeItem(at: directory) }

        /// The size of the write-ahead log file; 0 when there is none.
        var logBytes: Int {
            ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int) ?? 0
        }

        /// From the WAL index (SQLite's `-shm` file, https://sqlite.org/walformat.html): the frames in the log
        /// (`mxFrame`) and how many of them were copied into the database (`nBackfill`), in the host's byte order.
        func logFrames() throws -> (inLog: UInt32, copied: UInt32) {
            let index = try Data(contentsOf: URL(fileURLWithPath: path + "-shm"))
            func word(at offset: Int) -> UInt32 {
                index[offset..<offset + 4].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
            }
            return (word(at: 16), word(at: 96))
        }
    }

    /// Writes `rows` rows of a kilobyte each in one transaction, enough for the log to hold many pages.
    static func fill(_ writer: some DatabaseWriter, rows: Int) throws {
        try writer.write { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS filler(id INTEGER PRIMARY KEY, bytes BLOB)")
            for _ in 0..<rows {
                try db.execute(sql: "INSERT INTO filler(bytes) VALUES (randomblob(1000))")
            }
        }
    }

    @Test("closing copies the log into the file and empties it, keeping every change; closing twice does nothing")
    func closingEmptiesTheLog() throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let store = try Store.open(path: file.path)
        try Self.fill(store.writer, rows: 3_000)
        #expect(file.logBytes > 1_000_000)
        // A reader connection is open, as in any process that read: it closes last, and a read-only connection
        // cannot empty the log itself.
        #expect(try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM filler") } == 3_000)
        try store.close()
        #expect(file.logBytes == 0)
        // Nothing is read through a closed store, and closing it again does nothing.
        #expect(throws: DatabaseError.self) { try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") } }
        try store.close()
        let reopened = try Store.open(path: file.path)
        defer { try? reopened.close() }
        #expect(try reopened.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM filler") } == 3_000)
    }

    @Test("closing while another connection reads from the log leaves the log to it, and its snapshot intact")
    func closingBesideAReader() throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let store = try Store.open(path: file.path)
        try Self.fill(store.writer, rows: 10)
        let other = try DatabasePool(path: file.path)
        defer { try? other.close() }
        // The other connection holds a read transaction on the log's latest frames while the store closes.
        let (before, after, closing) = try other.read { db in
            let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM filler")
            try Self.fill(store.writer, rows: 10)
            let start = ContinuousClock.now
            try store.close()
            return (before, try Int.fetchOne(db, sql: "SELECT count(*) FROM filler"), ContinuousClock.now - start)
        }
        #expect(before == 10)
        #expect(after == 10)
        #expect(file.logBytes > 0)
        // Not a speed check: had the close waited for the reader, it would have taken the store's whole busy timeout
        // (10 s) and then given up.
        #expect(closing < .seconds(5))
        #expect(try other.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM filler") } == 20)
    }

    @Test("opening copies a log left behind by a process that did not close into the file")
    func openingCopiesALeftLog() throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        // A connection that never checkpoints, and is never closed before the store opens: what a killed process
        // leaves, its log full and none of it copied.
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        let left = try DatabasePool(path: file.path, configuration: configuration)
        defer { try? left.close() }
        try Self.fill(left, rows: 1_500)
        let before = try file.logFrames()
        #expect(before.inLog > 300)
        #expect(before.copied == 0)
        let store = try Store.open(path: file.path)
        defer { try? store.close() }
        let after = try file.logFrames()
        #expect(after.inLog == before.inLog)
        #expect(after.copied == after.inLog)
    }
}
