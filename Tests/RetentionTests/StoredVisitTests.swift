import Foundation
import KernelTesting
import Testing

@testable import Retention

/// A visit's stored form is written by hand (issue 19, item 6: an import stores one a person); it is what
/// `JSONEncoder` writes with sorted keys, and reads back to the same visit.
@Suite("Stored visits, written as JSONEncoder writes them")
struct StoredVisitTests {
    @Test("Random visits: the same text as the encoder's, read back alike")
    func sameAsEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var generator = SeededGenerator(seed: 19_065)
        var visits = [
            TimeInMeeting(), TimeInMeeting(untimedSeconds: 90.5), TimeInMeeting(untimedSeconds: 1e15),
            TimeInMeeting(untimedSeconds: 2.5e16), TimeInMeeting(untimedSeconds: 0.1),
        ]
        for _ in 0..<2000 {
            let start = Double.random(in: 1.6e9...1.8e9, using: &generator)
            let whole = Bool.random(using: &generator)
            let intervals = (0..<Int.random(in: 0...4, using: &generator)).map { index in
                let from = start + Double(index) * Double.random(in: 0...4000, using: &generator)
                let to = from + Double.random(in: 0...7200, using: &generator)
                return DateInterval(
                    start: Date(timeIntervalSince1970: whole ? from.rounded() : from),
                    end: Date(timeIntervalSince1970: whole ? to.rounded() : to))
            }
            let untimed = Bool.random(using: &generator) ? 0 : Double(Int.random(in: 0...9000, using: &generator))
            visits.append(TimeInMeeting(intervals: intervals, untimedSeconds: untimed))
        }
        for visit in visits {
            let encoded = String(decoding: try encoder.encode(visit), as: UTF8.self)
            #expect(visit.stored == encoded)
            #expect(TimeInMeeting(stored: visit.stored) == visit)
        }
        #expect(TimeInMeeting(untimedSeconds: .infinity).stored == "")
    }
}
