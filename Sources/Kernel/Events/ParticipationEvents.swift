/// Fires when a person's attendance of a session is recorded for the first time, or changes (raised beside
/// ``AttendanceRecorded``, with the status it replaces).
public struct AttendanceChanged: KernelEvent {
    public static let name = "attendance.changed"
    public let organizationId: Organization.ID
    public let seriesId: WebinarSeries.ID
    public let sessionId: Session.ID
    public let personId: Person.ID
    /// The status before the change; `nil` for a new record.
    public let previousStatus: Attendance.Status?
    public let status: Attendance.Status
}

/// Fires once for a bulk load of attendance (``WriteTransaction/loadAttendance(_:of:)``), carrying every row it
/// inserted or replaced; no per-row event is raised.
public struct AttendanceLoaded: KernelEvent {
    public static let name = "attendance.loaded"

    /// One loaded row: the status it replaced (`nil` for a new record) and the status loaded.
    public struct Change: Sendable, Equatable {
        public let sessionId: Session.ID
        public let personId: Person.ID
        public let previousStatus: Attendance.Status?
        public let status: Attendance.Status
    }

    /// The organization the load was made for (its sessions may belong to its members).
    public let organizationId: Organization.ID
    public let changes: [Change]
}

/// Fires when an existing person's self-description changes: their stored gender, or their consent (withdrawing it
/// erases the gender).
public struct PersonSelfDescriptionChanged: KernelEvent {
    public static let name = "person.selfDescriptionChanged"
    /// The organization that registered the person.
    public let organizationId: Organization.ID
    public let personId: Person.ID
    public let previousGender: String?
    public let gender: String?
    public let consent: Bool
}

/// Fires when a person is deleted, with what was deleted with them (their attendance and enrolments).
public struct PersonDeleted: KernelEvent {
    public static let name = "person.deleted"
    /// The organization that registered the person.
    public let organizationId: Organization.ID
    public let personId: Person.ID
    /// The stored gender the person had.
    public let gender: String?
    /// The sessions the person was recorded present at.
    public let presentAt: [Session.ID]
    /// The series the person was enrolled in.
    public let enrolledIn: [WebinarSeries.ID]
}

/// Fires when a plugin is enabled for an organization (not when only its settings change). The plugin itself hears
/// it: a plugin that keeps an index over kernel data can rebuild it here.
public struct PluginEnabled: KernelEvent {
    public static let name = "plugin.enabled"
    public let organizationId: Organization.ID
    public let pluginId: PluginID
}

/// Fires when a participant withdraws from a series (unenrols themselves). The enrolment stays, so figures keep
/// counting them; messages and private calendars stop.
public struct PersonWithdrew: KernelEvent {
    public static let name = "person.withdrew"
    public let organizationId: Organization.ID
    public let seriesId: WebinarSeries.ID
    public let personId: Person.ID
}

/// Fires when a person is erased at their request: their name, address and self-description are gone from the
/// kernel's tables, their enrolments and attendance stay as anonymous figures. Plugins remove or anonymise what
/// they keep about the person (tokens, certificates) in the same transaction.
public struct PersonErased: KernelEvent {
    public static let name = "person.erased"
    /// The organization that registered the person.
    public let organizationId: Organization.ID
    public let personId: Person.ID
}

/// Fires when two records of one person are merged, after the kernel moved the duplicate's enrolments, attendance,
/// submissions, roles and credentials to the kept record and just before it deletes the duplicate: a plugin that
/// keeps rows about people moves the duplicate's now (its rows still name ``duplicateId``), or they are deleted with
/// it. Attendance and enrolment figures change as if recounted.
public struct PeopleMerged: KernelEvent {
    public static let name = "person.merged"
    /// The organization that registered the kept record.
    public let organizationId: Organization.ID
    public let keptId: Person.ID
    public let duplicateId: Person.ID
}
