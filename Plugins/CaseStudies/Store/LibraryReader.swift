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
    /// ``organizations`` and ``networks`` as SQL lists, written once: a coordinator's list names every member, and
    /// writing it for each search was a tenth of the Swift side of a search.
    private let organizationList: String
    private let networkList: String

    public init(organizations: Set<Organization.ID>, networks: Set<Organization.ID>) {
        self.organizations = organizations
        self.networks = networks
        organizationList = Self.list(organizations)
        networkList = Self.list(networks)
    }

    /// Someone without credentials: public studies with consent only.
    public static let anonymous = LibraryReader(organizations: [], networks: [])

    /// The reader an API caller is.
    public static func of(_ access: Access, in db: Database) throws -> LibraryReader {
        guard access.isAuthenticated else { return .anonymous }
        var own = access.administered
        if let home = access.homeOrganization { own.insert(home) }
        return try LibraryReader(organizations: own, networks: networks(of: own, in: db))
    }

    /// An operator on the command line acting for `organization`: for a network, its coordinator; otherwise its
    /// administrator.
    public static func operatorOf(_ organization: Organization, in db: Database) throws -> LibraryReader {
        var own: Set<Organization.ID> = [organization.id!]
        if organization.isNetwork {
            own.formUnion(try OrganizationTree.members(of: organization.id!, in: db))
        }
        return try LibraryReader(organizations: own, networks: networks(of: own, in: db))
    }

    /// What an operator acting for `organization` may reach, as the kernel's scope: a network's coordinator, or a
    /// member's administrator. It decides which sessions the operator may link studies to.
    public static func operatorScope(of organization: Organization, in db: Database) throws -> Scope {
        Scope(
            try Access.granted(
                role: organization.isNetwork ? .networkCoordinator : .organizationAdmin, organization: organization.id!,
                person: nil, principal: "operator", in: db))
    }

    /// The network of `organization` (itself for a network).
    public static func network(of organization: Organization.ID, in db: Database) throws -> Organization.ID {
        try networks(of: [organization], in: db).first ?? organization
    }

    private static func networks(of organizations: Set<Organization.ID>, in db: Database) throws
        -> Set<Organization.ID>
    {
        try OrganizationTree.networks(of: organizations, in: db)
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
        guard networks.contains(network) else { return condition(alias: alias) }
        return "(\(alias).visibility IN ('network', 'public') OR \(alias).organizationId IN \(organizationList))"
    }

    /// Whether the reader may see `study` (the same rule as ``condition(alias:)``).
    public func sees(_ study: CaseStudy) -> Bool {
        study.isPubliclyShown || (study.visibility != .private && networks.contains(study.networkId))
            || organizations.contains(study.organizationId)
    }

    /// Ids are integers from our own database, written inline; an empty set matches nothing.
    private static func list(_ ids: Set<Organization.ID>) -> String {
        ids.isEmpty ? "(NULL)" : "(" + ids.map { String($0.rawValue) }.sorted().joined(separator: ",") + ")"
    }
}
