import Foundation
import Kernel

/// A person as the caller may see them: self-descriptions (gender, attributes) for administrators only.
struct PersonView: Encodable, Sendable {
    let id: Int64
    let organizationId: Int64
    let displayName: String
    let email: String
    let consent: Bool?
    let gender: String?
    let attributes: [String: String]?
    let createdAt: Date
    let updatedAt: Date

    init(_ person: Person, scope: Scope) {
        id = person.id!.rawValue
        organizationId = person.organizationId.rawValue
        displayName = person.displayName
        email = person.email
        let full = scope.seesSelfDescriptions(ofPersonRegisteredBy: person.organizationId)
        consent = full ? person.consent : nil
        gender = full ? person.gender : nil
        attributes = full ? person.attributes : nil
        createdAt = person.createdAt
        updatedAt = person.updatedAt
    }
}

/// A session as the caller may see it: the join link only for people of the series (see
/// ``Scope/seriesWithJoinLinks(among:in:)``).
struct SessionView: Encodable, Sendable {
    let id: Int64
    let seriesId: Int64
    let position: Int
    let slug: String
    let title: String
    let kind: Session.Kind
    let startsAt: Date
    let endsAt: Date
    let timeZone: String
    let joinURL: String?
    let agenda: [String]
    let description: String
    let status: Session.Status
    let revision: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ session: Session, showsJoinLink: Bool) {
        id = session.id!.rawValue
        seriesId = session.seriesId.rawValue
        position = session.position
        slug = session.slug
        title = session.title
        kind = session.kind
        startsAt = session.startsAt
        endsAt = session.endsAt
        timeZone = session.timeZone
        joinURL = showsJoinLink ? session.joinURL : nil
        agenda = session.agenda
        description = session.description
        status = session.status
        revision = session.revision
        createdAt = session.createdAt
        updatedAt = session.updatedAt
    }
}
