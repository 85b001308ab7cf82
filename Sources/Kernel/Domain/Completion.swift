/// Decides whether a person completed a session: the one rule every plugin calls (retention, certificates).
///
/// - A live session is completed by being present.
/// - A feedback session is live too: completed by being present.
/// - An offline exercise is completed by a submission made before the session's end.
/// A cancelled session cannot be completed by anyone.
public enum Completion {
    /// Tells whether a person completed `session`.
    /// - Parameters:
    ///   - session: The session.
    ///   - attendance: The person's attendance record for the session, if any.
    ///   - submission: The person's exercise submission for the session, if any.
    /// - Returns: `true` when the person completed the session.
    public static func isCompleted(
        _ session: Session, attendance: Attendance?, submission: ExerciseSubmission?
    ) -> Bool {
        guard session.status == .scheduled else { return false }
        switch session.kind {
        case .live, .feedback:
            return attendance?.status == .present
        case .offlineExercise:
            guard let submission else { return false }
            return submission.submittedAt <= session.endsAt
        }
    }
}
