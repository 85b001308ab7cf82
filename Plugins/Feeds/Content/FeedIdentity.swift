import GRDB
import Kernel
import Synchronization

/// The installation identity feeds take their ids from, read once and then remembered (it never changes).
///
/// The first feed rendered at a domain name on an installation that has none sets it from that name; from then on
/// the base URL plays no part in any id.
final class FeedIdentity: Sendable {
    private let known = Mutex<InstallationIdentity?>(nil)
    /// Base URLs without a domain name already answered with the stand-in: a poll at such an address (a loopback
    /// benchmark, a laptop) reads no database for it.
    private let provisional = Mutex<Set<String>>([])

    func identity(baseURL: String, context: PluginContext) async throws -> InstallationIdentity {
        if let identity = known.withLock({ $0 }) { return identity }
        if provisional.withLock({ $0.contains(baseURL) }) { return .provisional }
        var identity = try await context.store.read { db in try InstallationIdentity.read(in: db) }
        if identity == nil, let authority = InstallationIdentity.authority(of: baseURL) {
            identity = try await context.write(as: AuditActor("plugin:feeds")) { transaction in
                try transaction.installationIdentity(claiming: authority)
            }
        }
        // Served only at a loopback or IP address so far: a stand-in, kept nowhere, so that the first domain name
        // the installation is reached at becomes its identity.
        guard let identity else {
            provisional.withLock { _ = $0.insert(baseURL) }
            return .provisional
        }
        known.withLock { $0 = identity }
        return identity
    }
}
