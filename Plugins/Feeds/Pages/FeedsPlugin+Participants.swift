import Foundation
import GRDB
public import Kernel
public import PluginKit

/// What the feeds plugin adds to a participant's own pages: their private calendar, with a way to get a new link
/// (the old one stops working); and what it keeps about them, for their data download.
extension FeedsPlugin {
    public func participantSections(for page: ParticipantPageRequest) async throws -> [PageSection] {
        let t = page.localizer
        let action = page.basePath + "calendar/rotate"
        let active = try await context.store.read { db in
            try PersonalFeeds.tokens(of: page.person, organization: page.organization.id!, in: db)
                .filter { $0.revokedAt == nil }.count
        }
        let organization = ["organization": page.organization.name]
        let state =
            active > 0
            ? t(
                "Your private calendar of {organization} is active. For safety we cannot show its address again; if you lost it, or someone else has it, get a new one (the old one then stops working).",
                organization)
            : t(
                "Get a private calendar of the {organization} sessions you take part in, with their join links, to subscribe to in your calendar app.",
                organization)
        return [
            PageSection(
                title: t("Your private calendar ({organization})", organization),
                body: """
                    <p>\(state)</p><form method="post" action="\(action)">\(page.formField(for: action))\
                    <button type="submit" class="secondary">\(t("Get a new private calendar link"))</button></form>
                    """, order: 20)
        ]
    }

    public func addParticipantPages(to pages: PageRoutes) {
        pages.post("calendar/rotate") { page in
            guard let person = page.context.participant else { return .redirect("/") }
            let t = page.localizer
            let organization = page.organization.id!
            let token = try await context.write(as: AuditActor("participant:\(person.rawValue)")) { transaction in
                let token = try PersonalFeeds.rotate(
                    for: person, organization: organization, now: transaction.now, in: transaction.db)
                try transaction.audit(
                    "feeds.personalLinkRotated", organization: organization, subject: .person(person),
                    plugin: Self.id)
                return token
            }
            let link = FeedLink(
                title: t("My sessions"),
                folder: context.baseURL + personalFolder(token: token, organization: organization))
            return .page(
                PageContent(
                    title: t("Your new private calendar"),
                    body: """
                        <p>\(t("Your earlier private calendar link no longer works. Subscribe with this one, and keep it to yourself: it is shown only once."))</p>\
                        \(Self.subscribe(link, personal: true, localizer: t))
                        <p><a href="/me">\(t("Back to My Indaba"))</a></p>
                        """))
        }
    }

    public func personalData(of person: Person.ID) async throws -> JSONValue? {
        let tokens = try await context.store.read { db in try PersonalFeeds.tokens(of: person, in: db) }
        guard !tokens.isEmpty else { return nil }
        return .object([
            "privateCalendarLinks": .array(
                tokens.map { token in
                    .object([
                        "organization": .integer(token.organizationId.rawValue),
                        "createdAt": .string(ISO8601DateFormatter().string(from: token.createdAt)),
                        "revokedAt": token.revokedAt.map { .string(ISO8601DateFormatter().string(from: $0)) } ?? .null,
                    ])
                })
        ])
    }
}
