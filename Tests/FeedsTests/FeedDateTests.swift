import Foundation
import Kernel
import Testing

@testable import Feeds

@Suite("Feed dates: the formats feeds write, against Foundation's formatter")
struct FeedDateTests {
    @Test("every pattern matches DateFormatter on random instants from 1900 to 2200, with and without an offset")
    func matchesFoundation() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        var generator = SystemRandomNumberGenerator()
        let patterns: [(StaticString, String)] = [
            ("EEE, DD NNN YYYY hh:mm:ss +0000", "EEE, dd MMM yyyy HH:mm:ss '+0000'"),
            ("YYYY-MM-DDThh:mm:ssZ", "yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ("YYYYMMDDThhmmss", "yyyyMMdd'T'HHmmss"),
            ("YYYY-MM-DD hh:mm", "yyyy-MM-dd HH:mm"),
            ("hh:mm", "HH:mm"),
        ]
        for _ in 0..<5_000 {
            let instant = Date(
                timeIntervalSince1970: Double.random(in: -2_208_988_800...7_258_118_400, using: &generator))
            let offset = [0, 3_600, -16_200, 49_500].randomElement(using: &generator)!
            for (pattern, foundation) in patterns {
                formatter.dateFormat = foundation
                let expected = formatter.string(from: instant.addingTimeInterval(Double(offset)).wholeSeconds)
                #expect(ICalendarDate.format(instant, offset: offset, pattern) == expected)
            }
        }
    }

    @Test("the RSS date of known instants, before 1970 too")
    func knownInstants() {
        #expect(
            SyndicationFeeds.rfc822(Date(timeIntervalSince1970: 1_795_163_400)) == "Fri, 20 Nov 2026 08:30:00 +0000")
        #expect(SyndicationFeeds.rfc822(Date(timeIntervalSince1970: -0.5)) == "Wed, 31 Dec 1969 23:59:59 +0000")
        #expect(ICalendarDate.day(Date(timeIntervalSince1970: 1_709_164_800), offset: 0) == "20240229")
        #expect(
            ICalendarDate.day(Date(timeIntervalSince1970: 1_709_164_800), offset: -1, extended: true) == "2024-02-28")
    }
}
