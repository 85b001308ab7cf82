import GRDB

/// The one place that decides whether a plugin may serve an organization, for every surface: private API routes,
/// staff pages, public routes and pages (feeds among them), and plugin commands.
///
/// A plugin is reachable for an organization only where that organization enabled it; staff surfaces also need a
/// caller who can see the organization (``Scope/organizations()``). Everywhere but the command line, an organization
/// that does not exist, is hidden from the caller, or has not enabled the plugin answers the same
/// ``AccessError/notFound(entity:id:)``: a disabled plugin is unreachable, not merely forbidden. Operators on the
/// command line hold the database file, so they are told plainly that the plugin is disabled.
///
/// Whether a plugin is enabled is read far more often than it changes (calendar apps poll feeds), so the answer is
/// kept briefly in a ``RecentCache``; who may see an organization is decided from the caller's ``Access`` alone.
public struct PluginGate: Sendable {
    /// Where a request comes from, which decides who must be signed in and how a refusal reads.
    public enum Surface: Sendable, Equatable {
        /// Private API routes and staff pages: a signed-in caller who can see the organization.
        case staff
        /// Public routes and pages, feeds among them: anyone.
        case anonymous
        /// A plugin command run by an operator.
        case commandLine
        /// A participant's own pages: the signed-in person must take part in the organization (registered by it,
        /// or enrolled in one of its series).
        case participant(Person.ID)
    }

    private struct Key: Hashable, Sendable {
        let organization: Organization.ID
        let plugin: PluginID
    }

    private let store: Store
    private let enabled: RecentCache<Key, Organization?>

    init(store: Store, writes: WriteCounter) {
        self.store = store
        self.enabled = RecentCache(counter: writes)
    }

    /// Until when ``organization(_:plugin:scope:surface:)`` will let `plugin` through for organization `id` by the
    /// answer it remembers, without reading anything, unless this process writes first. `nil` when it would have to
    /// read (or refuse) now.
    public func enabledAnswerUntil(_ id: Organization.ID, plugin: PluginID) -> ContinuousClock.Instant? {
        enabled.reusedUntil(Key(organization: id, plugin: plugin)) { $0 != nil }
    }

    /// The organization `id`, when `plugin` may serve it to `scope` on `surface`.
    /// - Throws: ``AccessError/unauthenticated`` for an anonymous caller on a staff surface;
    ///   ``AccessError/notFound(entity:id:)`` (or, on the command line, ``KernelError/pluginDisabled(_:organization:)``)
    ///   when the organization is unknown, hidden from the caller, or has not enabled the plugin.
    public func organization(
        _ id: Organization.ID, plugin: PluginID, scope: Scope, surface: Surface
    ) async throws -> Organization {
        if surface == .staff {
            try scope.requireAuthenticated()
            guard scope.sees(organization: id) else { throw AccessError.notFound(entity: "org", id: id.rawValue) }
        }
        let store = store
        if case let .participant(person) = surface {
            let takesPart = try await store.read { db in
                try ParticipantRecord.organizations(of: person, in: db).contains(id)
            }
            guard takesPart else { throw AccessError.notFound(entity: "org", id: id.rawValue) }
        }
        let organization = try await enabled.value(for: Key(organization: id, plugin: plugin)) {
            try await store.read { db -> Organization? in
                guard let organization = try Organization.fetchOne(db, key: id),
                    try PluginEnablementRecord.enabledPlugins(of: id, in: db).contains(plugin)
                else { return nil }
                return organization
            }
        }
        guard let organization else {
            if surface == .commandLine { throw KernelError.pluginDisabled(plugin, organization: id) }
            throw AccessError.notFound(entity: "org", id: id.rawValue)
        }
        return organization
    }
}
