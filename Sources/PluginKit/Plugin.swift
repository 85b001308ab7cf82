public import ArgumentParser
public import Hummingbird
public import Kernel

/// An installable extension of Indaba, enabled per organization: the kernel's ``KernelPlugin`` (identity, tables,
/// settings, events) and what the plugin adds to the surfaces people use — API routes, pages, commands.
///
/// A minimal plugin declares only ``id``, ``version`` and ``init(context:)``; every other contribution has an empty
/// default. The kernel never names a plugin: the executable installs them through `PluginRegistry`.
///
/// ```swift
/// struct GreeterPlugin: Plugin {
///     static let id: PluginID = "greeter"
///     static let version: SemanticVersion = "1.0.0"
///     init(context: PluginContext) {}
/// }
/// ```
///
/// Every surface reaches a plugin through the kernel's `PluginGate`: HTTP routes are mounted under the organization,
/// private ones at `/api/v1/orgs/{org}/<id>/…` (authenticated, the caller must see the organization) and public ones
/// at `/public/orgs/{org}/<id>/…`, both answering 404 wherever the plugin is not enabled.
public protocol Plugin: KernelPlugin {
    /// Subcommands offered as `indaba <id> …`, run only for organizations that enabled the plugin.
    static var commands: [any PluginCommand.Type] { get }
    /// Further top-level command groups named for what they act on, such as `indaba attendance …`: plain
    /// `ParsableCommand`s whose subcommands are ``PluginCommand``s, gated like ``commands``.
    static var commandGroups: [any ParsableCommand.Type] { get }
    /// The OpenAPI description of the routes added by ``addRoutes(to:)`` and ``addPublicRoutes(to:)``.
    static var apiDescription: PluginAPIDescription { get }

    /// Adds the plugin's private API, mounted at `/api/v1/orgs/{org}/<id>`; `context.organization` is set.
    func addRoutes(to routes: RouteCollection<IndabaRequestContext>)

    /// Adds public pages and feeds, mounted at `/public/orgs/{org}/<id>`; `context.organization` is set.
    func addPublicRoutes(to routes: RouteCollection<IndabaRequestContext>)

    /// Adds routes at the site root, such as a short public address printed on paper (`/verify/{code}`).
    ///
    /// They are mounted for everyone and are **not** gated per organization: `context.organization` is nil, and the
    /// plugin must itself ask the kernel's gate (`PluginContext.gate`, surface `.anonymous`) whether the
    /// organization owning what a request names has enabled it (answering 404, like an unknown address, when it has
    /// not). Keep them few, and start their paths with a word that names what they serve; two plugins must not
    /// register the same path.
    func addSiteRoutes(to routes: RouteCollection<IndabaRequestContext>)

    // MARK: - Web pages

    /// What the staff pages call the plugin; its id by default.
    static var name: PluginName { get }

    /// Links in the staff workspace's navigation, relative to the plugin's pages (see ``PageRoutes``).
    static var navigation: [NavigationEntry] { get }

    /// Adds staff pages, mounted at `/orgs/{org}/<id>/…` for signed-in administrators where the plugin is enabled.
    func addPages(to pages: PageRoutes)

    /// Adds public pages (no sign-in), mounted at `/pages/orgs/{org}/<id>/…` where the plugin is enabled.
    func addPublicPages(to pages: PageRoutes)

    /// Sections for the public page of a series of an organization that enabled the plugin (may be empty).
    func seriesSections(for page: SeriesPageRequest) async throws -> [PageSection]

    /// The recruitment channels the public enrolment form offers ("how did you hear about it?") for an
    /// organization that enabled the plugin; empty when the plugin has no opinion.
    func recruitmentChannels(for organization: Organization.ID) async throws -> [String]

    /// What forms, pages and reports call the channels of ``recruitmentChannels(for:)`` ("A partner organization"
    /// for `partner-org`), in `t`'s language where the plugin knows the words; a channel left out is named from its
    /// code.
    func recruitmentChannelLabels(for organization: Organization.ID, in t: Localizer) async throws -> [String: String]

    /// Runs inside the transaction of a public enrolment, for an organization that enabled the plugin; the section
    /// returned (if any) is shown on the confirmation page. Throwing rolls the enrolment back.
    func didEnrol(_ enrolment: PublicEnrolment, in transaction: WriteTransaction) throws -> PageSection?

    /// Whether the plugin, where enabled, mails a confirmation of every public enrolment (see
    /// ``PublicEnrolment/confirmationByMail``).
    static var confirmsEnrolmentsByMail: Bool { get }

    // MARK: - Participants' own pages

    /// Sections for a signed-in participant's own page ("My Indaba"): only that person's data (their certificates,
    /// their private calendar link). Asked once per organization that enabled the plugin and in which they take part.
    func participantSections(for page: ParticipantPageRequest) async throws -> [PageSection]

    /// Adds pages for the signed-in participant, mounted at `/me/orgs/{org}/<id>/…` where the plugin is enabled and
    /// the person takes part in the organization. `context.participant` is the person; show nothing of anyone else.
    func addParticipantPages(to pages: PageRoutes)

    /// What the plugin keeps about `person`, for their "download my data"; `nil` when it keeps nothing.
    func personalData(of person: Person.ID) async throws -> JSONValue?
}

extension Plugin {
    public static var commands: [any PluginCommand.Type] { [] }
    public static var commandGroups: [any ParsableCommand.Type] { [] }

    /// Every command the plugin contributes: ``commands`` and those inside ``commandGroups``, at any depth.
    public static var allCommands: [any PluginCommand.Type] {
        func leaves(_ command: any ParsableCommand.Type) -> [any PluginCommand.Type] {
            if let command = command as? any PluginCommand.Type { return [command] }
            return command.configuration.subcommands.flatMap(leaves)
        }
        return commands + commandGroups.flatMap(leaves)
    }
    public static var apiDescription: PluginAPIDescription { PluginAPIDescription() }
    public func addRoutes(to routes: RouteCollection<IndabaRequestContext>) {}
    public func addPublicRoutes(to routes: RouteCollection<IndabaRequestContext>) {}
    public func addSiteRoutes(to routes: RouteCollection<IndabaRequestContext>) {}
    public static var name: PluginName { PluginName(id.rawValue) }
    public static var navigation: [NavigationEntry] { [] }
    public func addPages(to pages: PageRoutes) {}
    public func addPublicPages(to pages: PageRoutes) {}
    public func seriesSections(for page: SeriesPageRequest) async throws -> [PageSection] { [] }
    public func recruitmentChannels(for organization: Organization.ID) async throws -> [String] { [] }
    public func recruitmentChannelLabels(
        for organization: Organization.ID, in t: Localizer
    ) async throws -> [String: String] { [:] }
    public func didEnrol(_ enrolment: PublicEnrolment, in transaction: WriteTransaction) throws -> PageSection? {
        nil
    }
    public static var confirmsEnrolmentsByMail: Bool { false }
    public func participantSections(for page: ParticipantPageRequest) async throws -> [PageSection] { [] }
    public func addParticipantPages(to pages: PageRoutes) {}
    public func personalData(of person: Person.ID) async throws -> JSONValue? { nil }
}

extension Workspace {
    /// Every installed plugin, with what it adds to the surfaces people use, in registry order.
    public var installedPlugins: [any Plugin] { plugins.compactMap { $0 as? any Plugin } }

    /// The installed plugin with `id`.
    public func installedPlugin(_ id: PluginID) -> (any Plugin)? {
        installedPlugins.first { type(of: $0).id == id }
    }
}

extension PluginRegistry {
    /// Every installed plugin type, with what it adds to the surfaces people use.
    public var installedPlugins: [any Plugin.Type] { plugins.compactMap { $0 as? any Plugin.Type } }
}
