import Foundation

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

    /// `Tue 3 Mar 2026, 14:00–15:30`, or both full dates when the session crosses midnight in `zone`.
    func range(from start: Date, to end: Date) -> String {
        let day = formatter("EEE d MMM yyyy, HH:mm")
        let sameDay = Calendar.gregorian(in: zone).isDate(start, inSameDayAs: end)
        return day.string(from: start) + "–" + (sameDay ? formatter("HH:mm") : day).string(from: end)
    }

    /// `Tue 3 Mar 2026`: the day of `date` in `zone`.
    func day(_ date: Date) -> String {
        formatter("EEE d MMM yyyy").string(from: date)
    }

    /// The instant in ISO 8601 with its offset in `zone`, for `<time datetime>`.
    func iso(_ date: Date) -> String {
        formatter("yyyy-MM-dd'T'HH:mmXXXXX").string(from: date)
    }

    private func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.calendar = Calendar.gregorian(in: zone)
        formatter.timeZone = zone
        formatter.dateFormat = format
        return formatter
    }
}

extension Calendar {
    static func gregorian(in zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
}
