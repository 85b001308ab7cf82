import Foundation
import Kernel

/// The fields of a session's times as typed in a form (date and time in the series' zone), checked and converted.
struct SessionTimesForm: Sendable {
    var startDate = ""
    var startTime = ""
    var endDate = ""
    var endTime = ""

    init(startDate: String = "", startTime: String = "", endDate: String = "", endTime: String = "") {
        self.startDate = startDate
        self.startTime = startTime
        self.endDate = endDate
        self.endTime = endTime
    }

    init(_ form: FormData) {
        self.init(
            startDate: form["startDate"], startTime: form["startTime"],
            endDate: form["endDate"].isEmpty ? form["startDate"] : form["endDate"], endTime: form["endTime"])
    }

    /// The form showing `session`'s current times in `zone`.
    init(_ session: Session, zone: TimeZone) {
        let (day, time) = (Self.formatter("yyyy-MM-dd", zone), Self.formatter("HH:mm", zone))
        self.init(
            startDate: day.string(from: session.startsAt), startTime: time.string(from: session.startsAt),
            endDate: day.string(from: session.endsAt), endTime: time.string(from: session.endsAt))
    }

    /// The start and end in `zone`, or a sentence (in `t`'s language) saying what is wrong.
    func instants(in zone: TimeZone, _ t: Localizer = .english) -> Result<(Date, Date), SessionFormProblem> {
        let parse = Self.formatter("yyyy-MM-dd HH:mm", zone)
        guard let start = parse.date(from: "\(startDate) \(startTime)") else {
            return .failure(SessionFormProblem(t("Give the start as a date (2027-02-10) and a time (16:00).")))
        }
        guard let end = parse.date(from: "\(endDate) \(endTime)") else {
            return .failure(SessionFormProblem(t("Give the end as a date (2027-02-10) and a time (17:30).")))
        }
        guard end > start else { return .failure(SessionFormProblem(t("The end must be after the start."))) }
        return .success((start, end))
    }

    private static func formatter(_ format: String, _ zone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = format
        return formatter
    }
}

/// What is wrong with a session form, said to the person filling it in.
struct SessionFormProblem: Error, Sendable {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}

/// A slug for a new session from its title, unique among `taken`: `Data cleaning!` → `data-cleaning`.
func sessionSlug(for title: String, taken: Set<String>) -> String {
    let words = title.lowercased().unicodeScalars.map {
        CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "-"
    }
    let base = String(words).split(separator: "-").joined(separator: "-").prefix(48)
    let stem = base.isEmpty ? "session" : String(base)
    var slug = stem
    var number = 2
    while taken.contains(slug) {
        slug = "\(stem)-\(number)"
        number += 1
    }
    return slug
}
