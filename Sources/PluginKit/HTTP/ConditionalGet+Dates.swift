public import Foundation

extension ConditionalGet {
    /// Whether a resource last modified at `lastModified` is unchanged since the `If-Modified-Since` date `header`
    /// (then a GET is answered 304). A date that cannot be read is ignored, as RFC 9110 §13.1.3 asks; so is one in
    /// the future of `now`, which no earlier response could have carried.
    public static func unmodified(since header: String, lastModified: Date, now: Date) -> Bool {
        guard let since = httpDate(header, now: now), since <= now else { return false }
        return lastModified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
    }

    /// Reads an HTTP date in any of the three formats a recipient must accept (RFC 9110 §5.6.7): IMF-fixdate
    /// (`Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850 form (`Sunday, 06-Nov-94 08:49:37 GMT`) and ANSI C's
    /// asctime (`Sun Nov  6 08:49:37 1994`). A two-digit RFC 850 year that would be more than 50 years after `now`
    /// is read as the most recent past year with those digits. The weekday is not checked (recipients may ignore it).
    public static func httpDate(_ text: String, now: Date) -> Date? {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        switch words.count {
        case 6 where words[0].hasSuffix(",") && words[5] == "GMT":
            // IMF-fixdate: day-name "," SP day SP month SP year SP time SP "GMT"
            guard words[1].count == 2, words[3].count == 4, let year = Int(words[3]) else { return nil }
            return date(day: words[1], month: words[2], year: year, time: words[4])
        case 4 where words[0].hasSuffix(",") && words[3] == "GMT":
            // RFC 850: day-name-l "," SP day "-" month "-" 2DIGIT SP time SP "GMT"
            let parts = words[1].split(separator: "-").map(String.init)
            guard parts.count == 3, parts[0].count == 2, parts[2].count == 2, let short = Int(parts[2]) else {
                return nil
            }
            return date(day: parts[0], month: parts[1], year: fullYear(short, now: now), time: words[2])
        case 5 where !words[0].hasSuffix(","):
            // asctime: day-name SP month SP ( 2DIGIT / ( SP DIGIT ) ) SP time SP year
            guard (1...2).contains(words[2].count), words[4].count == 4, let year = Int(words[4]) else { return nil }
            return date(day: words[2], month: words[1], year: year, time: words[3])
        default:
            return nil
        }
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func date(day: String, month: String, year: Int, time: String) -> Date? {
        let clock = time.split(separator: ":", omittingEmptySubsequences: false)
        guard let monthIndex = months.firstIndex(of: month), let day = Int(day), clock.count == 3,
            clock.allSatisfy({ $0.count == 2 }),
            let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]),
            (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let components = DateComponents(
            year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components),
            calendar.component(.day, from: date) == day
        else { return nil }
        return date
    }

    /// RFC 9110 §5.6.7: the century that puts the year at most 50 years after `now`.
    private static func fullYear(_ short: Int, now: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let current = calendar.component(.year, from: now)
        var year = current - current % 100 + short
        if year > current + 50 { year -= 100 }
        return year
    }
}
