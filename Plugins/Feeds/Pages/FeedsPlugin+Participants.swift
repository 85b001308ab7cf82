import Foundation
import GRDB
public import Kernel
public import PluginKit

/// What the feeds plugin adds to a participant's own pages: their private calendar, with a way to get a new link
/// (the old one stops working); and what it keeps about them, for their data download.
extension FeedsPlugin {
    public func participantSections(for page: ParticipantPageRequest) async throws -> [PageSection] {
        let action = page.basePath + "calendar/rotate"
        let active = try await context.store.writer.read { db in
            try PersonalFeeds.tokens(of: page.person, organization: page.organization.id!, in: db)
                .filter { $0.revokedAt == nil }.count
        }
        let state: HTML =
            if active > 0 {
                """
                <p>Your private calendar of \(page.organization.name) is active. For safety we cannot show its \
                address again; if you lost it, or someone else has it, get a new one (the old one then stops \
                working).</p>
                """
            } else {
                """
                <p>Get a private calendar of the \(page.organization.name) sessions you take part in, with their join \
                links, to subscribe to in your calendar app.</p>
                """
            }
        return [
            PageSection(
                title: "Your private calendar (\(page.organization.name))",
                body: """
                    \(state)<form method="post" action="\(action)">\(page.formField(for: action))\
                    <button type="submit" class="secondary">Get a new private calendar link</button></form>
                    """, order: 20)
        ]
    }

    public func addParticipantPages(to pages: PageRoutes) {
        pages.post("calendar/rotate") { page in
            guard let person = page.context.participant else { return .redirect("/") }
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
                title: "My sessions", folder: context.baseURL + personalFolder(token: token, organization: organization)
            )
            return .page(
                PageContent(
                    title: "Your new private calendar",
                    body: """
                        <p>Your earlier private calendar link no longer works. Subscribe with this one, and keep it to \
                        yourself: it is shown only once.</p>\(Self.subscribe(link, personal: true))
                        <p><a href="/me">Back to My Indaba</a></p>
                        """))
        }
    }

    public func personalData(of person: Person.ID) async throws -> JSONValue? {
        let tokens = try await context.store.writer.read { db in try PersonalFeeds.tokens(of: person, in: db) }
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
