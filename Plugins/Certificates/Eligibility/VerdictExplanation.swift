import Kernel

/// Why a participant is or is not eligible, in any language: "eligible: completed 4 of 4 sessions", "not eligible:
/// missed sessions 2 and 3; exercise not handed in on time (completed 1 of 4 sessions; the rule asks for at least 3 of 4
/// sessions)". The command line and the API show it in English (``description``); the certificates page in the
/// page's language (``worded(_:)``).
struct VerdictExplanation: Sendable, Equatable, Encodable, CustomStringConvertible {
    let eligible: Bool
    let completedCount: Int
    let sessionCount: Int
    /// Positions of the live sessions missed, in order.
    let missedLive: [Int]
    /// Positions of the offline exercises not submitted, in order.
    let missedExercises: [Int]
    /// Whether the series has more than one offline exercise (then each missed one is named by its position).
    let severalExercises: Bool
    let rule: EligibilityRule

    var description: String { worded(.english) }

    func worded(_ t: Localizer) -> String {
        var reasons: [String] = []
        if !missedLive.isEmpty {
            reasons.append(
                t.plural(
                    "missed session {sessions}", "missed sessions {sessions}", count: missedLive.count,
                    ["sessions": Wording.list(missedLive.map(t.number), in: t)]))
        }
        for exercise in missedExercises {
            reasons.append(
                severalExercises
                    ? t("exercise not handed in on time (session {session})", ["session": t.number(exercise)])
                    : t("exercise not handed in on time"))
        }
        let tally = t.plural(
            "completed {completed} of {count} session", "completed {completed} of {count} sessions",
            count: sessionCount, ["completed": t.number(completedCount)])
        let all = reasons.reduce(into: "") { joined, reason in
            joined = joined.isEmpty ? reason : t("{earlier}; {next}", ["earlier": joined, "next": reason])
        }
        if eligible {
            return reasons.isEmpty
                ? t("eligible: {tally}", ["tally": tally])
                : t("eligible: {tally}; {reasons}", ["tally": tally, "reasons": all])
        }
        return t(
            "not eligible: {reasons} ({tally}; the rule asks for {rule})",
            ["reasons": all, "tally": tally, "rule": rule.summary(sessionCount: sessionCount, in: t)])
    }

    /// The API's `explanation` is the English sentence, as it always was.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
