import Foundation
import GRDB
public import Kernel
public import PluginKit

/// What the feeds plugin adds to the web interface: subscribe links on a series page, and a person's private
/// calendar link on the enrolment confirmation.
extension FeedsPlugin {
    public func seriesSections(for page: SeriesPageRequest) async throws -> [PageSection] {
        let t = page.localizer
        let link = FeedLink(
            title: page.series.title,
            folder: page.baseURL + FeedLinks.folder(of: .series(page.series.id!), in: page.organization))
        return [
            PageSection(
                title: t("Subscribe to the calendar"), body: Self.subscribe(link, personal: false, localizer: t),
                order: 10)
        ]
    }

    public func didEnrol(_ enrolment: PublicEnrolment, in transaction: WriteTransaction) throws -> PageSection? {
        let t = enrolment.localizer
        // Where a confirmation goes by mail, the link goes with it, for a new and a known address alike, and the
        // page says the same to both: it must not tell whether an address is known.
        if enrolment.confirmationByMail {
            return PageSection(
                title: t("Your private calendar"),
                body: """
                    <p>\(t("Your private calendar link is in the confirmation we sent to the address you gave. It holds the sessions of every series you join, with their join links."))</p>
                    """, order: 10)
        }
        // Anyone can type a known address into a public form: a private link goes only to a person this sign-up
        // created, never to whoever typed someone else's address.
        guard enrolment.isNewPerson else {
            return PageSection(
                title: t("Your private calendar"),
                body: """
                    <p>\(t("This e-mail address was already known to us, so we do not show a private calendar link here. Use the link you received before, or ask the organizers for a new one."))</p>
                    """, order: 10)
        }
        let organization = enrolment.organization.id!
        let token = try PersonalFeeds.rotate(
            for: enrolment.person, organization: organization, now: transaction.now, in: transaction.db)
        let link = FeedLink(
            title: t("My sessions"),
            folder: enrolment.baseURL + personalFolder(token: token, organization: organization))
        let intro: HTML = """
            <p>\(t("This calendar holds the sessions of every series you join, with their join links. It is private: keep the address to yourself."))</p>
            """
        return PageSection(
            title: t("Your private calendar"), body: "\(intro)\(Self.subscribe(link, personal: true, localizer: t))",
            order: 10)
    }

    /// A further private calendar link for `person`, to send to their address on record (earlier links keep
    /// working), written in `transaction`.
    public static func personalCalendarLink(
        for person: Person.ID, organization: Organization.ID, baseURL: String, in transaction: WriteTransaction
    ) throws -> String {
        let token = try PersonalFeeds.issue(
            for: person, organization: organization, now: transaction.now, in: transaction.db)
        return baseURL + personalFolder(token: token, organization: organization) + "/calendar.ics"
    }

    /// Subscribe buttons: the webcal link, "add by URL" steps for Google and Outlook, and a download.
    static func subscribe(_ link: FeedLink, personal: Bool, localizer t: Localizer) -> HTML {
        let name = personal ? "my-sessions.ics" : "calendar.ics"
        return """
            <p class="actions"><a class="button" href="\(link.webcal)">\(t("Subscribe in your calendar app"))</a> \
            <a href="\(link.ics)?download" download="\(name)">\(t("Download (.ics)"))</a></p>
            <p>\(t("Or add it by its address:"))</p>
            <p><code class="url" dir="ltr">\(link.ics)</code></p>
            <ul>
            <li>\(t.markup("Google Calendar: <em>Other calendars</em> → <em>+</em> → <em>From URL</em>, paste the address."))</li>
            <li>\(t.markup("Outlook: <em>Add calendar</em> → <em>Subscribe from web</em>, paste the address."))</li>
            </ul>
            <p class="note">\(t("A subscription updates itself when a session moves; a download does not."))</p>
            """
    }
}
