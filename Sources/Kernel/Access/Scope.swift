public import GRDB

/// What one caller may read and change: the one place where tenant isolation is decided.
///
/// Every query a request makes starts from a `Scope` request (``series()``, ``people()``…), which already carries
/// the caller's filter; fetching one record by id through the scope throws ``AccessError/notFound(entity:id:)`` both
/// when it does not exist and when the caller may not see it, so ids never leak across organizations.
public struct Scope: Sendable {
    public let access: Access

    public init(_ access: Access) {
        self.access = access
    }

    // MARK: - Reading

    /// Organizations the caller can see: those they administer, or a facilitator's own.
    public func organizations() -> QueryInterfaceRequest<Organization> {
        switch access.role {
        case .networkCoordinator, .organizationAdmin: Organization.filter(sql: "id IN \(access.administered.sqlList())")
        case .facilitator: Organization.filter(sql: "id = ?", arguments: [access.homeOrganization])
        case nil: Organization.none()
        }
    }

    /// Whether the caller can see organization `id` (the same rule as ``organizations()``, decided without a query).
    public func sees(organization id: Organization.ID) -> Bool {
        switch access.role {
        case .networkCoordinator, .organizationAdmin: access.administered.contains(id)
        case .facilitator: access.homeOrganization == id
        case nil: false
        }
    }

    /// Programmes the caller can see.
    public func programmes() -> QueryInterfaceRequest<Programme> {
        switch access.role {
        case .networkCoordinator, .organizationAdmin:
            Programme.filter(sql: "organizationId IN \(access.administered.sqlList())")
        case .facilitator:
            Programme.filter(
                sql: "id IN (SELECT programmeId FROM webinarSeries WHERE id IN \(access.facilitated.sqlList()))")
        case nil: Programme.none()
        }
    }

    /// Series the caller can see: everyone sees published and completed series; administrators and facilitators
    /// also see their own in every status.
    public func series() -> QueryInterfaceRequest<WebinarSeries> {
        WebinarSeries.filter(sql: "(\(ownSeriesCondition(column: "id"))) OR \(publicSeriesCondition(column: "id"))")
    }

    /// The series the caller administers or facilitates: what their people and participation filters may name.
    public func ownSeries() -> QueryInterfaceRequest<WebinarSeries> {
        WebinarSeries.filter(sql: ownSeriesCondition(column: "id"))
    }

    /// Sessions of the series the caller can see.
    public func sessions() -> QueryInterfaceRequest<Session> {
        Session.filter(
            sql: "(\(ownSeriesCondition(column: "seriesId"))) OR \(publicSeriesCondition(column: "seriesId"))")
    }

    /// People the caller can see: registered by an administered organization or taking part in a visible series.
    public func people() -> QueryInterfaceRequest<Person> {
        switch access.role {
        case .networkCoordinator, .organizationAdmin:
            Person.filter(
                sql:
                    "organizationId IN \(access.administered.sqlList()) OR id IN (SELECT personId FROM seriesRole WHERE "
                    + ownSeriesCondition(column: "seriesId") + ")")
        case .facilitator:
            Person.filter(
                sql: "id IN (SELECT personId FROM seriesRole WHERE seriesId IN \(access.facilitated.sqlList()))")
        case nil: Person.none()
        }
    }

    /// Enrolments in the caller's own series, and of the people their organizations registered (never for
    /// anonymous callers).
    public func enrolments() -> QueryInterfaceRequest<Enrolment> {
        access.isAuthenticated
            ? Enrolment.filter(sql: "\(ownSeriesCondition(column: "seriesId")) OR \(ownPeopleCondition)")
            : Enrolment.none()
    }

    /// Attendance at the caller's own sessions, and of their organizations' people (never for anonymous callers).
    public func attendance() -> QueryInterfaceRequest<Attendance> {
        access.isAuthenticated
            ? Attendance.filter(sql: "\(sessionCondition) OR \(ownPeopleCondition)") : Attendance.none()
    }

    /// Exercise submissions for the caller's own sessions, and of their organizations' people (never for anonymous
    /// callers).
    public func submissions() -> QueryInterfaceRequest<ExerciseSubmission> {
        access.isAuthenticated
            ? ExerciseSubmission.filter(sql: "\(sessionCondition) OR \(ownPeopleCondition)") : ExerciseSubmission.none()
    }

    /// Fetches one visible record by id.
    /// - Throws: ``AccessError/notFound(entity:id:)`` when it does not exist or is not visible.
    public func one<R: FetchableRecord & TableRecord>(
        _ request: QueryInterfaceRequest<R>, id: Int64, entity: String, in db: Database
    ) throws -> R {
        guard let record = try request.filter(key: id).fetchOne(db) else {
            throw AccessError.notFound(entity: entity, id: id)
        }
        return record
    }

    // MARK: - Changing

    /// Requires credentials; anonymous callers get ``AccessError/unauthenticated``.
    public func requireAuthenticated() throws {
        if !access.isAuthenticated { throw AccessError.unauthenticated }
    }

    /// Requires that the caller administers `organization` (a coordinator of its network, or its admin).
    public func requireAdministration(of organization: Organization.ID) throws {
        try requireAuthenticated()
        guard access.administered.contains(organization) else {
            throw AccessError.forbidden(
                "Only an administrator of organization \(organization) (or a coordinator of its network) may do this.")
        }
    }

    /// Requires that the caller may record attendance and submissions in `series`: its facilitators and
    /// administrators.
    public func requireAttendanceRecording(in series: WebinarSeries.ID, ownedBy organization: Organization.ID) throws {
        try requireAuthenticated()
        guard access.facilitated.contains(series) || access.administered.contains(organization) else {
            throw AccessError.forbidden("Only the series' facilitators and administrators may record attendance.")
        }
    }

    /// Whether the caller may see self-descriptions (gender, attributes) of anyone at all: administrators only.
    /// Lists use it to decide whether to show the column; each value needs ``seesSelfDescriptions(ofPersonRegisteredBy:)``.
    public var seesSelfDescriptions: Bool {
        access.role == .networkCoordinator || access.role == .organizationAdmin
    }

    /// Whether the caller may see the self-descriptions (gender, attributes) of a person registered by
    /// `organization`: they belong to the administrators of that organization and the coordinators of its network,
    /// never to another organization whose series the person joined.
    public func seesSelfDescriptions(ofPersonRegisteredBy organization: Organization.ID) -> Bool {
        seesSelfDescriptions && access.administered.contains(organization)
    }

    /// Of `series`, those whose join links the caller may see: the series they administer or facilitate. Join links
    /// are for the people of a series, never for every signed-in caller.
    public func seriesWithJoinLinks(
        among series: some Collection<WebinarSeries.ID>, in db: Database
    ) throws -> Set<WebinarSeries.ID> {
        guard access.isAuthenticated, !series.isEmpty else { return [] }
        return Set(try WebinarSeries.ID.fetchAll(db, ownSeries().filter(keys: series).select(Column("id"))))
    }

    // MARK: - Conditions

    /// The series the caller administers or facilitates (none for anonymous callers).
    private func ownSeriesCondition(column: String) -> String {
        switch access.role {
        case .networkCoordinator, .organizationAdmin:
            "\(column) IN (SELECT s.id FROM webinarSeries s JOIN programme p ON p.id = s.programmeId "
                + "WHERE p.organizationId IN \(access.administered.sqlList()))"
        case .facilitator:
            "\(column) IN \(access.facilitated.sqlList())"
        case nil:
            "0"
        }
    }

    /// Published and completed series, which anyone may read.
    private func publicSeriesCondition(column: String) -> String {
        "\(column) IN (SELECT id FROM webinarSeries WHERE status IN ('published', 'completed'))"
    }

    /// Records about people registered by an organization the caller administers.
    private var ownPeopleCondition: String {
        "personId IN (SELECT id FROM person WHERE organizationId IN \(access.administered.sqlList()))"
    }

    private var sessionCondition: String {
        "sessionId IN (SELECT id FROM session WHERE \(ownSeriesCondition(column: "seriesId")))"
    }
}
