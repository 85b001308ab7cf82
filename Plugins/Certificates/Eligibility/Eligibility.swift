import Foundation
import GRDB
import Kernel

/// Whether each participant of a series meets its rule, and why not, in words.
struct Eligibility: Sendable {
    struct Verdict: Sendable, Encodable {
        let personId: Person.ID
        let eligible: Bool
        /// Positions of the sessions the person completed.
        let completed: [Int]
        /// "eligible: completed 4 of 4 sessions" or "not eligible: missed sessions 2 and 3; exercise not handed in on time".
        let explanation: VerdictExplanation
    }

    let series: WebinarSeries
    let rule: EligibilityRule
    /// The series' sessions that were not cancelled, in order.
    let sessions: [Session]
    let verdicts: [Verdict]

    /// Evaluates `rule` for every person enrolled in `series`.
    /// - Throws: ``CertificatesError/ruleDoesNotFit(series:reason:)`` when the rule asks for more sessions than the
    ///   series has, or names a session it does not have.
    init(series: WebinarSeries, rule: EligibilityRule, in db: Database) throws {
        self.series = series
        self.rule = rule
        sessions = try SeriesParticipation.heldSessions(of: series.id!, in: db)
        try Self.check(rule, against: sessions, series: series.id!)
        let completions = try Self.completions(of: series.id!, sessions: sessions, in: db)
        let people = try SeriesParticipation.enrolledIds(in: series.id!, in: db).sorted { $0.rawValue < $1.rawValue }
        let sessions = sessions
        verdicts = people.map { person in
            Self.verdict(person, completed: completions[person] ?? [], sessions: sessions, rule: rule)
        }
    }

    /// The verdict for one person (who may not be enrolled: then they completed nothing).
    func verdict(for person: Person.ID) -> Verdict {
        verdicts.first { $0.personId == person }
            ?? Self.verdict(person, completed: [], sessions: sessions, rule: rule)
    }

    /// Refuses a rule `sessions` (a series' held sessions) cannot meet.
    /// - Throws: ``CertificatesError/ruleDoesNotFit(series:reason:)``.
    static func check(_ rule: EligibilityRule, against sessions: [Session], series: WebinarSeries.ID) throws {
        if rule.minimumSessions > sessions.count {
            throw CertificatesError.ruleDoesNotFit(
                series: series,
                reason: FieldReason(
                    "it asks for more sessions ({minimum}) than the series has ({count})",
                    ["minimum": "\(rule.minimumSessions)", "count": "\(sessions.count)"]))
        }
        if let missing = rule.requiredSessions.first(where: { slug in !sessions.contains { $0.slug == slug } }) {
            throw CertificatesError.ruleDoesNotFit(
                series: series, reason: FieldReason("the series has no session '{session}'", ["session": missing]))
        }
        if let kind = rule.requiredKinds.first(where: { kind in !sessions.contains { $0.kind == kind } }) {
            throw CertificatesError.ruleDoesNotFit(
                series: series,
                reason: FieldReason("the series has no session of the kind '{kind}'", ["kind": kind.rawValue]))
        }
    }

    /// Positions of completed sessions per person, decided by ``Completion`` (the kernel's one rule).
    private static func completions(
        of series: WebinarSeries.ID, sessions: [Session], in db: Database
    ) throws -> [Person.ID: Set<Int>] {
        let byId = Dictionary(uniqueKeysWithValues: sessions.map { ($0.id!, $0) })
        var done: [Person.ID: Set<Int>] = [:]
        let attendance = try SeriesParticipation.attendance(in: series, in: db)
        for record in attendance {
            if let session = byId[record.sessionId],
                Completion.isCompleted(session, attendance: record, submission: nil)
            {
                done[record.personId, default: []].insert(session.position)
            }
        }
        let submissions = try SeriesParticipation.submissions(in: series, in: db)
        for submission in submissions {
            if let session = byId[submission.sessionId],
                Completion.isCompleted(session, attendance: nil, submission: submission)
            {
                done[submission.personId, default: []].insert(session.position)
            }
        }
        return done
    }

    static func verdict(
        _ person: Person.ID, completed: Set<Int>, sessions: [Session], rule: EligibilityRule
    ) -> Verdict {
        let missed = sessions.filter { !completed.contains($0.position) }
        let requiredMissed = missed.filter {
            rule.requiredKinds.contains($0.kind) || rule.requiredSessions.contains($0.slug)
        }
        let count = sessions.count - missed.count
        let eligible = count >= rule.minimumSessions && requiredMissed.isEmpty
        let explanation = VerdictExplanation(
            eligible: eligible, completedCount: count, sessionCount: sessions.count,
            missedLive: missed.filter { $0.kind.isLive }.map(\.position),
            missedExercises: missed.filter { $0.kind == .offlineExercise }.map(\.position),
            severalExercises: sessions.filter { $0.kind == .offlineExercise }.count > 1, rule: rule)
        return Verdict(personId: person, eligible: eligible, completed: completed.sorted(), explanation: explanation)
    }
}
