public import Kernel

/// What a plugin is given to add a section to a signed-in participant's own page ("My Indaba"), once per
/// organization that enabled it and in which the person takes part.
public struct ParticipantPageRequest: Sendable {
    /// The signed-in person: the only person whose data the section may show.
    public let person: Person.ID
    public let organization: Organization
    /// The absolute path of the plugin's participant pages for this organization, ending in `/`
    /// (`/me/orgs/3/feeds/`): for links and form actions.
    public let basePath: String
    /// The server's public URL, for absolute links.
    public let baseURL: String
    /// What speaks the page's language.
    public let localizer: Localizer
    private let formTokenField: @Sendable (String) -> HTML

    public init(
        person: Person.ID, organization: Organization, basePath: String, baseURL: String,
        localizer: Localizer = .english, formField: @escaping @Sendable (String) -> HTML
    ) {
        self.localizer = localizer
        self.person = person
        self.organization = organization
        self.basePath = basePath
        self.baseURL = baseURL
        self.formTokenField = formField
    }

    /// The hidden input a `POST` form whose `action` is `action` must carry (see ``PageRequest/formField(for:)``).
    public func formField(for action: String) -> HTML {
        formTokenField(action)
    }
}
