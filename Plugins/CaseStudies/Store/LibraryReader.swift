public import GRDB
public import Kernel

/// Who reads the library, reduced to what decides visibility: the organizations whose private studies they see
/// and the networks whose shared studies they see. Anyone sees public studies cleared for public display.
///
/// | caller | private studies of | network studies of |
/// | --- | --- | --- |
/// | network coordinator | the network and every member | the network |
/// | organization admin, facilitator | their organization | its network |
/// | anonymous (and every public route) | nobody | nobody |
public struct LibraryReader: Sendable, Equatable {
    public let organizations: Set<Organization.ID>
    public let networks: Set<Organization.ID>
    /// Networks whose every study the reader sees: a coordinator's own network, whose organizations (the network and
    /// each member) are all among ``organizations``. An organization never changes network, so this is the rule
    /// above, not a second one; it spares the search a list of every member on each query, which SQLite turned into
    /// a table on each run (up to 1.7 times the query's time on the fastest queries).
    public let wholeNetworks: Set<Organization.ID>

    public init(
        organizations: Set<Organization.ID>, networks: Set<Organization.ID>, wholeNetworks: Set<Organization.ID> = []
    ) {
        self.organizations = organizations
        self.networks = networks
        self.wholeNetworks = wholeNetworks.intersection(organizations).intersection(networks)
    }

    /// Someone without credentials: public studies with consent only.
    public static let anonymous = LibraryReader(organizations: [], networks: [])

    /// The reader an API caller is. Everyone the caller administers is of the caller's network (organizations form
    /// two levels), so that network is the only one whose shared studies they see.
    public static func of(_ access: Access) -> LibraryReader {
        guard access.isAuthenticated, let home = access.homeOrganization, let network = access.network else {
            return .anonymous
        }
        // A coordinator administers their network and every member of it (``Access/administered``).
        let whole: Set<Organization.ID> = access.role == .networkCoordinator && network == home ? [home] : []
        return LibraryReader(
            organizations: access.administered.union([home]), networks: [network], wholeNetworks: whole)
    }

    /// An operator on the command line acting for `organization`: for a network, its coordinator; otherwise its
    /// administrator.
    public static func operatorOf(_ organization: Organization, in db: Database) throws -> LibraryReader {
        of(try operatorAccess(of: organization, in: db))
    }

    /// What an operator acting for `organization` may reach, as the kernel's scope: a network's coordinator, or a
    /// member's administrator. It decides which sessions the operator may link studies to.
    public static func operatorScope(of organization: Organization, in db: Database) throws -> Scope {
        Scope(try operatorAccess(of: organization, in: db))
    }

    private static func operatorAccess(of organization: Organization, in db: Database) throws -> Access {
        try Access.granted(
            role: organization.isNetwork ? .networkCoordinator : .organizationAdmin, organization: organization.id!,
            person: nil, principal: "operator", in: db)
    }

    /// The network of `organization` (itself for a network).
    public static func network(of organization: Organization.ID, in db: Database) throws -> Organization.ID {
        try OrganizationTree.network(of: organization, in: db) ?? organization
    }

    /// The SQL condition on a study aliased `alias` that the reader may see.
    func condition(alias: String) -> String {
        "((\(alias).visibility = 'public' AND \(alias).consent IN ('notNeeded', 'granted'))"
            + " OR (\(alias).visibility IN ('network', 'public') AND \(alias).networkId IN \(networkList))"
            + " OR \(alias).organizationId IN \(organizationList))"
    }

    /// ``condition(alias:)`` for studies of `network` only (the query also asks `networkId = network`): whether the
    /// reader sees the network's shared studies is known here, so the condition tests two columns, not four, and a
    /// reader of the network does not look at consent (a public study is a shared one too).
    func condition(alias: String, network: Organization.ID) -> String {
        if wholeNetworks.contains(network) { return "1" }
        guard networks.contains(network) else { return condition(alias: alias) }
        return "(\(alias).visibility IN ('network', 'public') OR \(alias).organizationId IN \(organizationList))"
    }

    /// Whether the reader may see `study` (the same rule as ``condition(alias:)``).
    public func sees(_ study: CaseStudy) -> Bool {
        study.isPubliclyShown || (study.visibility != .private && networks.contains(study.networkId))
            || organizations.contains(study.organizationId)
    }

    /// ``organizations`` and ``networks`` as SQL lists: ids are integers from our own database, written inline; an
    /// empty set matches nothing.
    private var organizationList: String { organizations.sqlList() }
    private var networkList: String { networks.sqlList() }
}
