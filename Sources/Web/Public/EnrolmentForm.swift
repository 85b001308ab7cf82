import Foundation
import Kernel

/// The public enrolment form: what was typed, and what is wrong with it, field by field.
struct EnrolmentForm: Sendable {
    /// The values typed, given back to the form when it must be corrected.
    struct Values: Sendable {
        var name = ""
        var email = ""
        var channel = ""
        var gender = ""
        var consent = false
        /// The IANA zone the person reads times in; empty for the sessions' own.
        var timeZone = ""
        /// The code of the language for e-mails and certificates; empty for no preference.
        var language = ""
    }

    /// One message per field in error.
    struct Errors: Sendable, Equatable {
        var name: String?
        var email: String?
        var channel: String?
        var gender: String?
        var timeZone: String?
        var language: String?

        var isEmpty: Bool { self == Errors() }
    }

    /// When nobody says how they heard about the series.
    static let unsaidChannel = RecruitmentChannel.unsaid

    let values: Values

    init(values: Values) {
        self.values = values
    }

    init(_ form: FormData) {
        values = Values(
            name: form["name"], email: form["email"], channel: form["channel"], gender: form["gender"],
            consent: form.isChecked("consent"), timeZone: form["timeZone"], language: form["language"])
    }

    /// Longest name kept.
    static let nameLimit = 200
    /// Longest self-described gender kept.
    static let genderLimit = 100

    /// What is wrong, given the channels the form offered, in the page's language.
    func errors(channels: [String], localizer t: Localizer) -> Errors {
        var errors = Errors()
        if values.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.name = t("Enter your name.")
        } else if values.name.count > Self.nameLimit {
            errors.name = t(
                "Your name is longer than {limit} characters; shorten it.", ["limit": t.number(Self.nameLimit)])
        } else if FieldRules.nameProblem(values.name, limit: Self.nameLimit) != nil {
            errors.name = t(
                "Your name holds a character that cannot be kept (a new line, an escape or a direction override); "
                    + "type it again.")
        }
        if values.email.isEmpty {
            errors.email = t("Enter your e-mail address.")
        } else if FieldRules.emailProblem(values.email) != nil {
            errors.email = t("Enter an e-mail address like name@example.org.")
        }
        if !values.channel.isEmpty, !channels.contains(values.channel) {
            errors.channel = t("Choose one of the listed answers, or 'Prefer not to say'.")
        }
        if values.gender.count > Self.genderLimit {
            errors.gender = t(
                "This answer is longer than {limit} characters; shorten it.", ["limit": t.number(Self.genderLimit)])
        } else if !values.gender.isEmpty, values.gender.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.gender = t("This answer holds only spaces; write it, or leave the field empty.")
        } else if !values.gender.isEmpty, !values.consent {
            errors.gender = t("Tick the box below to let us keep this answer, or leave the field empty.")
        }
        if !values.timeZone.isEmpty, !Self.timeZones.contains(values.timeZone) {
            errors.timeZone = t("Choose one of the listed time zones, or leave the sessions' own.")
        }
        if !values.language.isEmpty, Language(tag: values.language).map({ $0.code != values.language }) ?? true {
            errors.language = t("Choose one of the listed languages, or 'No preference'.")
        }
        return errors
    }

    /// The language the person asked for, if any.
    var language: Language? { values.language.isEmpty ? nil : Language(tag: values.language) }

    /// The zones the form offers: those the series page offers, and every African one.
    static let timeZones: [String] = Set(
        SessionTimes.commonZones + TimeZone.knownTimeZoneIdentifiers.filter { $0.hasPrefix("Africa/") }
    ).sorted()

    /// The channel to record.
    var channel: String { values.channel.isEmpty ? Self.unsaidChannel : values.channel }
}
