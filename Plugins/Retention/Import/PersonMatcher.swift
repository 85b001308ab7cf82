import Foundation
import GRDB
import Kernel

/// Who a group of export rows is: a person, several possible people, or nobody known.
enum Resolution: Equatable {
    case person(Person.ID, MatchMethod)
    case ambiguous([Person.ID])
    case unknown
    /// An administrator chose to ignore rows with this name or e-mail.
    case ignored
}

/// How a row was matched, shown in the import summary.
enum MatchMethod: String, Codable, Sendable {
    case email, name, alias
}

/// Finds the people of an export: by e-mail (among the people of the organization's network), by a link an administrator made earlier, then by name among the
/// series' people and then the organization's.
struct PersonMatcher {
    let organization: Organization.ID
    let series: WebinarSeries.ID
    private let seriesNames: [String: Set<Person.ID>]
    private let organizationNames: [String: Set<Person.ID>]
    /// The organization's remembered links (a person) and ignores (nil), by identity key: read once.
    private let aliases: [String: Person.ID?]
    /// The people of the e-mail keys read ahead (``init(series:organization:emails:in:)``); keys read ahead and
    /// not here belong to nobody.
    private let emailPeople: [String: Person.ID]
    private let emailKeysRead: Set<String>

    /// - Parameter emails: The addresses the export has, read ahead in a few queries instead of one a row.
    init(series: WebinarSeries.ID, organization: Organization.ID, emails: [String] = [], in db: Database) throws {
        self.series = series
        self.organization = organization
        var aliases: [String: Person.ID?] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT identityKey, personId FROM retention_alias WHERE organizationId = ?",
            arguments: [organization])
        {
            let person: Person.ID? = row[1]
            aliases[row[0]] = .some(person)
        }
        self.aliases = aliases
        emailKeysRead = Set(emails.map(FieldRules.emailKey))
        emailPeople = try PeopleMatching.people(emailKeys: emailKeysRead, inNetworkOf: organization, in: db)
        func index(_ people: [(Person.ID, String)]) -> [String: Set<Person.ID>] {
            var names: [String: Set<Person.ID>] = [:]
            for (id, name) in people {
                if let key = IdentityKey.name(name) { names[key, default: []].insert(id) }
            }
            return names
        }
        seriesNames = index(try PeopleMatching.names(ofPeopleIn: series, in: db))
        organizationNames = index(try PeopleMatching.names(ofPeopleRegisteredBy: organization, in: db))
    }

    func resolve(email: String?, names: [String], in db: Database) throws -> Resolution {
        if let email {
            let key = FieldRules.emailKey(email)
            let id =
                emailKeysRead.contains(key)
                ? emailPeople[key] : try PeopleMatching.person(emailKey: key, inNetworkOf: organization, in: db)
            if let id { return .person(id, .email) }
        }
        let keys = (email.map { [IdentityKey.email($0)] } ?? []) + names
        for key in keys {
            if let person = aliases[key] { return person.map { .person($0, .alias) } ?? .ignored }
        }
        for index in [seriesNames, organizationNames] {
            let found = names.reduce(into: Set<Person.ID>()) { $0.formUnion(index[$1] ?? []) }
            if found.count == 1 { return .person(found.first!, .name) }
            if found.count > 1 { return .ambiguous(found.sorted { $0.rawValue < $1.rawValue }) }
        }
        return .unknown
    }
}
