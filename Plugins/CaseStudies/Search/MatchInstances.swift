import Foundation
import GRDB
import GRDBSQLite

/// Where FTS5 found a search's phrases in one study: an FTS5 auxiliary function, `caseStudies_matches`, that the
/// search's SQL asks for each match (beside its bm25 score), and the reading of what it answers.
///
/// FTS5 already knows, for the row it matched, each instance of each phrase: the column and the token it starts at
/// (`xInst`, kept per row once `bm25()` has asked for it). With them the snippet's window is chosen without reading the
/// study's text for matches: only its tokens up to the window are counted, to find their bytes (``SnippetBuilder``).
/// The instances are exactly FTS5's: a phrase under `NOT`, outside its column filter or outside its `NEAR` group is
/// not among them.
struct MatchInstances {
    /// One instance: FTS5's phrase number, the column, its first token and how many tokens it has.
    struct Instance: Equatable {
        let phrase: Int
        let column: Int
        let first: Int
        let length: Int

        var last: Int { first + max(1, length) - 1 }
    }

    /// The tokens of the title, the summary and the body (FTS5's counts, the same as ``SearchTokenizer``'s).
    let tokens: (title: Int, summary: Int, body: Int)
    /// The instances in the title, the summary and the body, by column and first token.
    let instances: [Instance]

    /// For each phrase number, the first phrase found at exactly the same places in the study: FTS5 numbers a phrase
    /// given twice (`bet OR bet`) twice, and a window that holds it holds one phrase, not two.
    /// Written into `same`; `found` counts each phrase's instances (both are buffers the caller keeps).
    func samePhrases(into same: inout [Int], counting found: inout [Int]) {
        let count = (instances.lazy.map(\.phrase).max() ?? -1) + 1
        same.removeAll(keepingCapacity: true)
        same.append(contentsOf: 0..<count)
        guard count > 1 else { return }
        found.removeAll(keepingCapacity: true)
        found.append(contentsOf: repeatElement(0, count: count))
        for instance in instances { found[instance.phrase] += 1 }
        for phrase in 1..<count where found[phrase] > 0 {
            let earlier = (0..<phrase).first {
                same[$0] == $0 && found[$0] == found[phrase] && samePlaces($0, phrase)
            }
            if let earlier { same[phrase] = earlier }
        }
    }

    /// Whether two phrases found as often were found at the same places: the instances are in the order of their
    /// columns and first tokens, so each phrase's are too.
    private func samePlaces(_ one: Int, _ other: Int) -> Bool {
        var others = instances.lazy.filter { $0.phrase == other }.makeIterator()
        for instance in instances where instance.phrase == one {
            guard let next = others.next(), next.column == instance.column, next.first == instance.first,
                next.length == instance.length
            else { return false }
        }
        return true
    }

    /// The SQL function's name; its one argument is the FTS5 table (`caseStudies_matches(caseStudies_search)`).
    static let function = "caseStudies_matches"

    /// The columns whose instances are kept: the title, the summary, the body (not the topic words, never shown).
    static let shownColumns = 3

    /// Reads the function's answer: three token counts, then two 32-bit words an instance (the phrase in the low 16
    /// bits, the length in the next 8, the column in the top 8; then the first token), all little-endian.
    init?(blob: UnsafeRawBufferPointer) {
        let words = blob.count / 4
        guard blob.count % 4 == 0, words >= Self.shownColumns, (words - Self.shownColumns) % 2 == 0 else { return nil }
        func word(_ index: Int) -> Int {
            Int(UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)))
        }
        tokens = (word(0), word(1), word(2))
        var instances: [Instance] = []
        instances.reserveCapacity((words - Self.shownColumns) / 2)
        var index = Self.shownColumns
        while index < words {
            let packed = word(index)
            instances.append(
                Instance(
                    phrase: packed & 0xFFFF, column: packed >> 24, first: word(index + 1), length: packed >> 16 & 0xFF))
            index += 2
        }
        self.instances = instances
    }

    /// Read from the column of the statement's current row, without a copy; nil unless it is the function's blob.
    init?(sqliteStatement: SQLiteStatement, index: CInt) {
        guard sqlite3_column_type(sqliteStatement, index) == SQLITE_BLOB else { return nil }
        let blob = sqlite3_column_blob(sqliteStatement, index)
        self.init(blob: UnsafeRawBufferPointer(start: blob, count: Int(sqlite3_column_bytes(sqliteStatement, index))))
    }

    init(tokens: (title: Int, summary: Int, body: Int), instances: [Instance]) {
        self.tokens = tokens
        self.instances = instances
    }

    /// Registers the function on `db`'s connection. A connection that lacks it fails to prepare the search's SQL with
    /// "no such function" (``CaseStudySearch`` registers it then, once per connection).
    static func register(in db: Database) throws {
        let api = FTS5.api(db)
        let code = api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), function, nil, answer, nil)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register \(function)")
        }
    }

    /// Whether `error` is SQLite saying that this connection does not have the function yet.
    static func isMissing(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_ERROR && error.message == "no such function: \(function)"
    }

    /// SQLite copies a result given with this destructor (`SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// The function itself, for one matched row.
    private static let answer: fts5_extension_function = { api, fts, context, _, _ in
        guard let api, let fts else { return }
        let calls = api.pointee
        var count: Int32 = 0
        var code = calls.xInstCount(fts, &count)
        guard code == SQLITE_OK else { return sqlite3_result_error_code(context, code) }
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: shownColumns + 2 * Int(count)) { words in
            var used = 0
            for column in 0..<shownColumns {
                var size: Int32 = 0
                code = calls.xColumnSize(fts, Int32(column), &size)
                if code != SQLITE_OK { return sqlite3_result_error_code(context, code) }
                words[used] = UInt32(truncatingIfNeeded: size).littleEndian
                used += 1
            }
            for index in 0..<count {
                var (phrase, column, first): (Int32, Int32, Int32) = (0, 0, 0)
                code = calls.xInst(fts, index, &phrase, &column, &first)
                if code != SQLITE_OK { return sqlite3_result_error_code(context, code) }
                guard column < shownColumns, phrase < 0x1_0000 else { continue }
                let length = UInt32(min(max(calls.xPhraseSize(fts, phrase), 0), 0xFF))
                words[used] = (UInt32(phrase) | length << 16 | UInt32(column) << 24).littleEndian
                words[used + 1] = UInt32(truncatingIfNeeded: first).littleEndian
                used += 2
            }
            sqlite3_result_blob(context, words.baseAddress, Int32(used * 4), transient)
        }
    }
}
