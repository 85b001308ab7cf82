/// Something that happened in the kernel, delivered to the plugins enabled for the organization it concerns.
///
/// Every event fires from inside the write that causes it. Handlers registered for ``EventHandler/Phase/beforeCommit``
/// run in that transaction and may throw ``Veto`` to refuse the whole write; handlers for
/// ``EventHandler/Phase/afterCommit`` run once the write is committed, never after a rollback, and their failures are
/// logged without undoing anything.
public protocol KernelEvent: Sendable {
    /// A stable name for logs, such as `session.changed`.
    static var name: String { get }
    /// The organization owning the series concerned; its plugin enablement decides who hears the event.
    var organizationId: Organization.ID { get }
}

/// Fires when a session is added to a series.
public struct SessionScheduled: KernelEvent {
    public static let name = "session.scheduled"
    public let organizationId: Organization.ID
    public let seriesId: WebinarSeries.ID
    public let sessionId: Session.ID
}

/// Fires when a session's time, place, status or description changes (not for a cancellation).
public struct SessionChanged: KernelEvent {
    public static let name = "session.changed"
    public let organizationId: Organization.ID
    public let seriesId: WebinarSeries.ID
    public let sessionId: Session.ID
    /// The session's revision after the change (unchanged when only the description changed).
    public let revision: Int
    /// Whether the start or end moved.
    public let rescheduled: Bool
}

/// Fires when a session is cancelled. The session stays, with status `cancelled`.
public struct SessionCancelled: KernelEvent {
    public static let name = "session.cancelled"
    public let organizationId: Organization.ID
    public let seriesId: WebinarSeries.ID
    public let sessionId: Session.ID
    public let revision: Int
}

/// Fires when a person enrols in a series.
public struct PersonEnrolled: KernelEvent {
    public static let name = "person.enrolled"
    public let organizationId: Organization.ID
    public let seriesId: WebinarSeries.ID
    public let personId: Person.ID
    public let channel: String
}

/// Fires when a person's attendance of a session is recorded or changed.
public struct AttendanceRecorded: KernelEvent {
    public static let name = "attendance.recorded"
    public let organizationId: Organization.ID
    public let seriesId: WebinarSeries.ID
    public let sessionId: Session.ID
    public let personId: Person.ID
    public let status: Attendance.Status
}

/// Fires when a person submits (or resubmits) an offline exercise.
public struct ExerciseSubmitted: KernelEvent {
    public static let name = "exercise.submitted"
    public let organizationId: Organization.ID
    public let seriesId: WebinarSeries.ID
    public let sessionId: Session.ID
    public let personId: Person.ID
}

/// Fires when anything about an existing series changes (title, summary, objectives, status, zone).
public struct SeriesChanged: KernelEvent {
    public static let name = "series.changed"
    public let organizationId: Organization.ID
    public let seriesId: WebinarSeries.ID
}

/// Fires when a series' status becomes `completed` (after ``SeriesChanged``).
public struct SeriesCompleted: KernelEvent {
    public static let name = "series.completed"
    public let organizationId: Organization.ID
    public let seriesId: WebinarSeries.ID
}

/// Thrown by a before-commit handler to refuse the write that raised the event.
public struct Veto: Error, CustomStringConvertible {
    /// Why the write is refused, for the person who attempted it.
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
