import Kernel
import PluginKit

extension WebInterface {
    /// The installed plugins that serve `person`'s own pages, each with an organization that enabled it and in
    /// which the person takes part (the gate decides), by organization then registry order.
    func participantPlugins(
        of person: Person.ID, in organizations: Set<Organization.ID>
    ) async -> [(plugin: any Plugin, organization: Organization)] {
        var found: [(plugin: any Plugin, organization: Organization)] = []
        for id in organizations.sorted(by: { $0.rawValue < $1.rawValue }) {
            for plugin in workspace.installedPlugins {
                if let organization = try? await workspace.gate.organization(
                    id, plugin: type(of: plugin).id, scope: Scope(.anonymous), surface: .participant(person))
                {
                    found.append((plugin, organization))
                }
            }
        }
        return found
    }
}
