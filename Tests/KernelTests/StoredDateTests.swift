import Foundation
import GRDB
import Testing

@testable import Kernel

@Suite("Reading stored dates by arithmetic")
struct StoredDateTests {
    @Test(
        "the same Date as GRDB's reading, to the bit, for generated times from 1400 to 9999 and the edges of months; only days that do not exist and years before 1583 are declined"
    )
    func sameAsGRDB() throws {
        var generator = SystemRandomNumberGenerator()
        var texts: [String] = []
        for sample in 0..<100_000 {
            // Half of them near 1970 and 2001, where the two ways of counting from either may round differently.
            let year = Int.random(in: sample.isMultiple(of: 2) ? 1400...9999 : 1965...2006, using: &generator)
            let month = Int.random(in: 1...12, using: &generator)
            texts.append(
                text(
                    year, month, Int.random(in: 1...31, using: &generator), Int.random(in: 0...23, using: &generator),
                    Int.random(in: 0...59, using: &generator), Int.random(in: 0...59, using: &generator),
                    Int.random(in: 0...999, using: &generator)))
        }
        for year in [1583, 1600, 1700, 1900, 1969, 1970, 2000, 2001, 2024, 2026, 2100, 9999] {
            for (month, day) in [(1, 1), (2, 28), (2, 29), (2, 30), (3, 1), (12, 31), (4, 31), (13, 1), (0, 1)] {
                texts.append(text(year, month, day, 23, 59, 59, 999))
                texts.append(text(year, month, day, 0, 0, 0, 0))
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        var differences: [String] = []
        for text in texts {
            let ours = Array(text.utf8).withUnsafeBytes { StoredDate.date(utf8: $0) }
            if let ours {
                // When it answers, it is GRDB's Date exactly.
                if ours != Date.fromDatabaseValue(text.databaseValue) { differences.append(text) }
            } else {
                // It declines (GRDB reads the row then) only days that do not exist, which GRDB rolls over.
                let parts = text.split(whereSeparator: { "- ".contains($0) }).prefix(3).map { Int($0)! }
                let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
                if components.isValidDate(in: calendar), parts[0] >= 1583 { differences.append("declined \(text)") }
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(10))")
    }

    @Test("anything not exactly in GRDB's form is left to GRDB, which reads it from the row")
    func otherForms() throws {
        for text in [
            "2026-12-05 18:46:17", "2026-12-05T18:46:17.181", "2026-12-05 18:46:17.18", "2026-12-05 24:00:00.000",
            "2026-12-05 18:60:00.000", "2026-12-05 18:46:60.000", "2026-1a-05 18:46:17.181", "2026-12-05 18:46:17.1811",
            "",
        ] {
            #expect(Array(text.utf8).withUnsafeBytes { StoredDate.date(utf8: $0) } == nil, "\(text)")
        }
        let queue = try DatabaseQueue()
        try queue.read { db in
            let row = try Row.fetchOne(
                db,
                sql: "SELECT '2026-12-05 18:46:17.181', '2026-12-05T18:46:17', 1733424377.5, '2024-02-29 12:00:00.000'")!
            for index in 0..<4 {
                #expect((row[index] as StoredDate).date == row[index] as Date)
            }
        }
    }

    private func text(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int, _ ms: Int)
        -> String
    {
        func padded(_ value: Int, _ width: Int) -> String {
            String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2)) \(padded(hour, 2)):\(padded(minute, 2)):"
            + "\(padded(second, 2)).\(padded(ms, 3))"
    }
}
