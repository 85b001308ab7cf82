public import Foundation

/// A whole network as a definition file describes it: the value read by import and written by export.
///
/// Every entry remembers where it was read from, so checks made after reading can still point at a line.
public struct NetworkDocument: Sendable, Equatable {
    /// The only format this version reads and writes.
    public static let format = "indaba/1"

    public var network: OrganizationEntry

    /// An organization: the network, or one of its members (which have no members themselves).
    public struct OrganizationEntry: Sendable, Equatable {
        public var location: SourceLocation = .none
        public var slug: String
        public var name: String
        public var country: String
        public var timeZone: String
        public var website: String?
        public var plugins: [PluginEntry] = []
        public var people: [PersonEntry] = []
        public var programmes: [ProgrammeEntry] = []
        public var members: [OrganizationEntry] = []
    }

    /// A plugin enabled for an organization, with the settings it differs in.
    public struct PluginEntry: Sendable, Equatable {
        public var location: SourceLocation = .none
        public var id: PluginID
        public var settings: [String: JSONValue] = [:]
    }

    /// A person registered by an organization.
    public struct PersonEntry: Sendable, Equatable {
        public var location: SourceLocation = .none
        public var email: String
        public var name: String
        public var consent: Bool = false
        public var gender: String?
        public var attributes: [String: String] = [:]
    }

    /// A programme of an organization.
    public struct ProgrammeEntry: Sendable, Equatable {
        public var location: SourceLocation = .none
        public var slug: String
        public var title: String
        public var summary: String = ""
        public var series: [SeriesEntry] = []
    }

    /// A webinar series with its people and sessions.
    public struct SeriesEntry: Sendable, Equatable {
        public var location: SourceLocation = .none
        public var slug: String
        public var title: String
        public var summary: String = ""
        public var status: WebinarSeries.Status
        public var timeZone: String
        public var objectives: [String] = []
        public var roles: [RoleEntry] = []
        public var enrolments: [EnrolmentEntry] = []
        public var sessions: [SessionEntry] = []
        public var quotes: [QuoteEntry] = []
    }

    /// A quote recorded for a series; reports show it only with `consent: true`.
    public struct QuoteEntry: Sendable, Equatable {
        public var location: SourceLocation = .none
        public var text: String
        public var attribution: String?
        public var consent: Bool = false
    }

    /// A role held by a person (named by e-mail) in a series.
    public struct RoleEntry: Sendable, Equatable {
        public var location: SourceLocation = .none
        public var person: String
        public var role: SeriesRole.Role
    }

    /// An enrolment of a person (named by e-mail) in a series.
    public struct EnrolmentEntry: Sendable, Equatable {
        public var location: SourceLocation = .none
        public var person: String
        public var at: Date
        public var channel: String
    }

    /// A session, with its attendance and exercise submissions.
    public struct SessionEntry: Sendable, Equatable {
        public var location: SourceLocation = .none
        public var slug: String
        public var title: String
        public var kind: Session.Kind
        public var startsAt: Date
        public var endsAt: Date
        /// The zone, when it differs from the series' zone (or was written out).
        public var timeZone: String?
        public var joinURL: String?
        public var status: Session.Status = .scheduled
        public var agenda: [String] = []
        /// What the session is about or what happened in it (Markdown or plain text); empty when there is none.
        public var description: String = ""
        public var attendance: [AttendanceEntry] = []
        public var submissions: [SubmissionEntry] = []
    }

    /// The attendance of a person (named by e-mail) at a session.
    public struct AttendanceEntry: Sendable, Equatable {
        public var location: SourceLocation = .none
        public var person: String
        public var status: Attendance.Status
        public var minutes: Int = 0
        public var source: Attendance.Source = .manual
    }

    /// A person's (named by e-mail) submission for an offline exercise.
    public struct SubmissionEntry: Sendable, Equatable {
        public var location: SourceLocation = .none
        public var person: String
        public var at: Date
        public var link: String?
        public var note: String?
    }
}
