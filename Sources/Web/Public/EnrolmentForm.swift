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
    }

    /// One message per field in error.
    struct Errors: Sendable, Equatable {
        var name: String?
        var email: String?
        var channel: String?
        var gender: String?
        var timeZone: String?

        var isEmpty: Bool { self == Errors() }
    }

    /// When nobody says how they heard about the series.
    static let unsaidChannel = "not-said"

    let values: Values

    init(values: Values) {
        self.values = values
    }

    init(_ form: FormData) {
        values = Values(
            name: form["name"], email: form["email"], channel: form["channel"], gender: form["gender"],
            consent: form.isChecked("consent"), timeZone: form["timeZone"])
    }

    /// What is wrong, given the channels the form offered.
    func errors(channels: [String]) -> Errors {
        var errors = Errors()
        if values.name.isEmpty {
            errors.name = "Enter your name."
        } else if let problem = FieldRules.nameProblem(values.name, limit: 200) {
            errors.name = "Your name \(problem)."
        }
        if values.email.isEmpty {
            errors.email = "Enter your e-mail address."
        } else if FieldRules.emailProblem(values.email) != nil {
            errors.email = "Enter an e-mail address like name@example.org."
        }
        if !values.channel.isEmpty, !channels.contains(values.channel) {
            errors.channel = "Choose one of the listed answers, or 'Prefer not to say'."
        }
        if let problem = FieldRules.textProblem(values.gender, limit: 100), !values.gender.isEmpty {
            errors.gender = "This answer \(problem)."
        } else if !values.gender.isEmpty, !values.consent {
            errors.gender = "Tick the box below to let us keep this answer, or leave the field empty."
        }
        if !values.timeZone.isEmpty, !Self.timeZones.contains(values.timeZone) {
            errors.timeZone = "Choose one of the listed time zones, or leave the sessions' own."
        }
        return errors
    }

    /// The zones the form offers: those the series page offers, and every African one.
    static let timeZones: [String] = Set(
        SessionTimes.commonZones + TimeZone.knownTimeZoneIdentifiers.filter { $0.hasPrefix("Africa/") }
    ).sorted()

    /// The channel to record.
    var channel: String { values.channel.isEmpty ? Self.unsaidChannel : values.channel }
}
