public import Kernel

/// A public enrolment that has just been written, told to plugins inside the same transaction.
public struct PublicEnrolment: Sendable {
    /// The series enrolled in.
    public let series: WebinarSeries
    /// The organization that runs it (the plugin is enabled there).
    public let organization: Organization
    /// The person enrolled.
    public let person: Person.ID
    /// Whether this sign-up created the person: only then may a page show them anything personal, since anyone
    /// can type an existing address into a public form.
    public let isNewPerson: Bool
    /// The server's public URL, for absolute links.
    public let baseURL: String
    /// Whether an enabled plugin sends the person a confirmation by mail: then personal links go there, and the
    /// page says the same whether the address was known or not.
    public let confirmationByMail: Bool
    /// The IANA time zone the person's browser reported, if any (for times in messages).
    public let timeZone: String?
    /// What speaks the confirmation page's language, for what a plugin adds to it.
    public let localizer: Localizer

    public init(
        series: WebinarSeries, organization: Organization, person: Person.ID, isNewPerson: Bool, baseURL: String,
        confirmationByMail: Bool = false, timeZone: String? = nil, localizer: Localizer = .english
    ) {
        self.localizer = localizer
        self.confirmationByMail = confirmationByMail
        self.timeZone = timeZone
        self.series = series
        self.organization = organization
        self.person = person
        self.isNewPerson = isNewPerson
        self.baseURL = baseURL
    }
}
