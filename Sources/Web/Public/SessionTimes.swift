import Foundation
import Kernel

/// Session times written for people: in a chosen time zone, with the day, and the zones a visitor may choose.
struct SessionTimes {
    /// Zones offered in the choice besides the series' own (any valid identifier also works through `?tz=`).
    static let commonZones = [
        "UTC", "Africa/Abidjan", "Africa/Accra", "Africa/Addis_Ababa", "Africa/Cairo", "Africa/Casablanca",
        "Africa/Dakar", "Africa/Harare", "Africa/Johannesburg", "Africa/Kampala", "Africa/Kinshasa", "Africa/Lagos",
        "Africa/Nairobi", "America/New_York", "America/Chicago", "America/Los_Angeles", "America/Sao_Paulo",
        "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Australia/Sydney", "Europe/Berlin", "Europe/London",
        "Europe/Paris",
    ]

    let zone: TimeZone
    /// The language the times are written in (English by default: British order, 24-hour clock).
    var localizer = Localizer.english

    /// `Tue 3 Mar 2026, 14:00–15:30` (in the page's language), or both full dates when the session crosses
    /// midnight in `zone`.
    func range(from start: Date, to end: Date) -> String {
        let day = formatter("EEE d MMM yyyy, HH:mm", or: "yMMMEdHHmm")
        let sameDay = Calendar.gregorian(in: zone).isDate(start, inSameDayAs: end)
        return day.string(from: start) + "–" + (sameDay ? formatter("HH:mm", or: "HHmm") : day).string(from: end)
    }

    /// `Tue 3 Mar 2026`: the day of `date` in `zone`.
    func day(_ date: Date) -> String {
        formatter("EEE d MMM yyyy", or: "yMMMEd").string(from: date)
    }

    /// English keeps the network's usual British pattern; other languages order the template's fields their way.
    ///
    /// Arabic's short weekdays and months are the full names without their article (أربعاء, not الأربعاء), which
    /// reads as a mistake in a date: Arabic writes them in full.
    private func formatter(_ english: String, or template: String) -> DateFormatter {
        let template =
            localizer.language == .arabic
            ? template.replacingOccurrences(of: "MMM", with: "MMMM").replacingOccurrences(of: "E", with: "EEEE")
            : template
        let formatter = localizer.dateFormatter(template, in: zone)
        if localizer.language == .english || localizer.language == .pseudo { formatter.dateFormat = english }
        return formatter
    }

    /// The instant in ISO 8601 with its offset in `zone`, for `<time datetime>`.
    func iso(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar.gregorian(in: zone)
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mmXXXXX"
        return formatter.string(from: date)
    }
}

extension Calendar {
    static func gregorian(in zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
}
