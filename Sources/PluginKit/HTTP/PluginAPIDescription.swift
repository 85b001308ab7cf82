public import Kernel

/// The OpenAPI description of a plugin's routes, relative to where the server mounts them.
///
/// Keys are paths such as `/calendar.ics`; values are OpenAPI path items. The server prefixes private paths with
/// `/api/v1/orgs/{org}/<id>` and public ones with `/public/orgs/{org}/<id>`, and declares `{org}` itself; site paths
/// (``Plugin/addSiteRoutes(to:)``) are taken as they are, from the site root. A test holds the description against
/// the routes the plugin registers.
public struct PluginAPIDescription: Sendable {
    public var privatePaths: [String: JSONValue]
    public var publicPaths: [String: JSONValue]
    /// Paths at the site root, not under an organization, such as `/verify/{code}`.
    public var sitePaths: [String: JSONValue]

    public init(
        privatePaths: [String: JSONValue] = [:], publicPaths: [String: JSONValue] = [:],
        sitePaths: [String: JSONValue] = [:]
    ) {
        self.privatePaths = privatePaths
        self.publicPaths = publicPaths
        self.sitePaths = sitePaths
    }
}
