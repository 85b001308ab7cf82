import Foundation
import KernelTesting
import Testing

@testable import Retention

/// The hand-written reader of export times accepts exactly what the regular expression it replaced (issue 19,
/// item 6: building that expression for each cell was most of an import's time) accepted, with the same parts.
@Suite("Export times read by hand, as the former pattern read them")
struct TimeScannerTests {
    /// The former pattern, and its reading, kept here as the reference.
    static func reference(_ text: String) -> TimeScanner.Match? {
        let pattern =
            #/^\s*(?:(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})[,\sT]*)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?i:(am|pm|a\.m\.|p\.m\.))?\s*(Z|[+\-]\d{2}:?\d{2})?\s*$/#
        guard let match = text.wholeMatch(of: pattern), let hour = Int(match.4), let minute = Int(match.5) else {
            return nil
        }
        var date: TimeScanner.Match.WrittenDate?
        if let a = match.1.flatMap({ Int($0) }), let b = match.2.flatMap({ Int($0) }),
            let c = match.3.flatMap({ Int($0) })
        {
            date = .init(first: a, second: b, third: c, firstDigits: match.1!.count)
        }
        var offset: Int?
        if let written = match.8 {
            if written == "Z" {
                offset = 0
            } else {
                let digits = written.dropFirst().filter(\.isNumber)
                let value = (Int(digits.prefix(2)) ?? 0) * 3600 + (Int(digits.suffix(2)) ?? 0) * 60
                offset = written.hasPrefix("-") ? -value : value
            }
        }
        return TimeScanner.Match(
            date: date, hour: hour, minute: minute, second: match.6.flatMap { Int($0) },
            afternoon: match.7.map { $0.lowercased().hasPrefix("p") }, offsetSeconds: offset)
    }

    static let samples = [
        "06/21/2023 01:52:40 PM", "6/30/23, 1:58:03 PM", "21.06.2023 14:00", "2023-06-21T14:00:00+02:00",
        "2023-06-21T14:00:00Z", "2023-06-21 14:00:00.123", "13:55", " 13:55 ", "1:05 a.m.", "1:05 P.M.", "12:00am",
        "2023-06-2114:00", "21.06.202314:00", "2023-06-21T14:00-0530", "14:00 +02", "14:000", "14:00:000", "123:45",
        "2023/06-21 9:07", "20231-06-21 14:00", "6/123/23 1:00", "14:00 Z", "14:00 z", "14:00 amx", "14:00 a.m",
        "", "   ", "abc", "14:", ":00", "14:00:5", "14:00:59.", "2023-06-21T", "6/30/23,,  T 1:58 PM", "99:99",
        "\u{00A0}14:00\u{00A0}", "14:00+02:00 ", "1/2/3 4:05:06 pm -01:30",
    ]

    @Test("Samples, and random strings of the characters times are written with, read alike")
    func sameReading() {
        for text in Self.samples {
            #expect(TimeScanner(text).scan() == Self.reference(text), "\(text)")
        }
        let alphabet = Array("0123456789/.-:,T ZapmAPM+\u{00A0}x")
        var generator = SeededGenerator(seed: 19_006)
        for _ in 0..<3000 {
            // Mostly near a real time, so that many are accepted.
            var text = Self.samples.randomElement(using: &generator)!
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                let index = Int.random(in: 0...text.count, using: &generator)
                let position = text.index(text.startIndex, offsetBy: index)
                if Bool.random(using: &generator), position < text.endIndex {
                    text.remove(at: position)
                } else {
                    text.insert(alphabet.randomElement(using: &generator)!, at: position)
                }
            }
            #expect(TimeScanner(text).scan() == Self.reference(text), "\(text)")
        }
    }

    @Test("A written time gives the same instant parts as before")
    func writtenTime() {
        let time = WrittenTime("06/21/2023 01:52:40 PM")
        #expect(time?.hour == 13 && time?.minute == 52 && time?.second == 40)
        #expect(WrittenTime("2023-06-21T14:00:00+02:00")?.offsetSeconds == 7200)
        #expect(WrittenTime("13:00 PM") == nil)
    }
}
