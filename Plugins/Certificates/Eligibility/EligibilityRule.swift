import Foundation
public import Kernel

/// Who earns a series' certificate, as data in the organization's settings:
///
/// ```json
/// {"series": "asknet/webinars/inclusive-spaces", "minimumSessions": 3,
///  "requiredKinds": ["feedback", "offlineExercise"], "requiredSessions": []}
/// ```
///
/// reads "at least 3 of the sessions, including the feedback session, and the offline exercise submitted". A
/// session counts when ``Completion`` says the person completed it; cancelled sessions do not count at all.
public struct EligibilityRule: Codable, Sendable, Equatable {
    /// The series, as a slug path (`network/programme/series` or deeper) or an id.
    public var series: String
    /// How many of the series' sessions a person must complete.
    public var minimumSessions: Int
    /// Kinds of session every one of which must be completed (`live`, `offlineExercise`, `feedback`).
    public var requiredKinds: [Session.Kind]
    /// Slugs of sessions that must be completed.
    public var requiredSessions: [String]

    public init(
        series: String, minimumSessions: Int, requiredKinds: [Session.Kind] = [], requiredSessions: [String] = []
    ) {
        self.series = series
        self.minimumSessions = minimumSessions
        self.requiredKinds = requiredKinds
        self.requiredSessions = requiredSessions
    }

    public init(from decoder: any Decoder) throws {
        let keys = try decoder.container(keyedBy: AnyKey.self)
        let unknown = keys.allKeys.map(\.stringValue).filter { CodingKeys(rawValue: $0) == nil }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let key = unknown.sorted().first {
            throw SettingRefusal(
                "unknown key '{key}'; a rule has series, minimumSessions, requiredKinds, requiredSessions",
                ["key": key], forKey: .series, in: container)
        }
        series = try container.decode(String.self, forKey: .series)
        minimumSessions = try container.decode(Int.self, forKey: .minimumSessions)
        let kinds = try container.decodeIfPresent([String].self, forKey: .requiredKinds) ?? []
        requiredSessions = try container.decodeIfPresent([String].self, forKey: .requiredSessions) ?? []
        guard !series.trimmingCharacters(in: .whitespaces).isEmpty, series.count <= 300 else {
            throw SettingRefusal("name the series by slug path or id", forKey: .series, in: container)
        }
        guard (1...100).contains(minimumSessions) else {
            throw SettingRefusal("must be a whole number from 1 to 100", forKey: .minimumSessions, in: container)
        }
        requiredKinds = try kinds.map { name in
            guard let kind = Session.Kind(rawValue: name) else {
                throw SettingRefusal(
                    "'{kind}' is not a session kind; kinds are {kinds}",
                    ["kind": name, "kinds": Session.Kind.allCases.map(\.rawValue).joined(separator: ", ")],
                    forKey: .requiredKinds, in: container)
            }
            return kind
        }
        if let bad = requiredSessions.first(where: { !Slug.isValid($0) }) {
            throw SettingRefusal(
                "'{session}' is not a session slug", ["session": bad], forKey: .requiredSessions, in: container)
        }
    }

    /// The rule in words: "at least 3 of 4 sessions, including the feedback session and the offline exercise".
    func summary(sessionCount: Int) -> String {
        summary(sessionCount: sessionCount, in: .english)
    }

    /// The rule in words, in `t`'s language (the series report's).
    func summary(sessionCount: Int, in t: Localizer) -> String {
        var required = requiredKinds.map { kind in
            switch kind {
            case .feedback: t("the feedback session")
            case .offlineExercise: t("the offline exercise")
            case .live: t("every live session")
            }
        }
        required += requiredSessions.map { t("session '{slug}'", ["slug": $0]) }
        let count = t.plural(
            "at least {minimum} of {count} session", "at least {minimum} of {count} sessions", count: sessionCount,
            ["minimum": t.number(minimumSessions)])
        return required.isEmpty
            ? count : t("{count}, including {sessions}", ["count": count, "sessions": Wording.list(required, in: t)])
    }

    private enum CodingKeys: String, CodingKey {
        case series, minimumSessions, requiredKinds, requiredSessions
    }
}

/// Any key of a JSON object, to find the ones a type does not know.
struct AnyKey: CodingKey {
    let stringValue: String
    let intValue: Int? = nil
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Small helpers for explanations.
enum Wording {
    /// "a", "a and b", "a, b and c" in `t`'s language.
    static func list(_ items: [String], in t: Localizer) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default:
            t(
                "{first} and {last}",
                [
                    "first": items.dropLast().joined(separator: t.language.isRightToLeft ? "، " : ", "),
                    "last": items.last!,
                ])
        }
    }
}
