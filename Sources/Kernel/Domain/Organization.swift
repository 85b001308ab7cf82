public import Foundation
public import GRDB

/// A network, or a member organization of a network.
///
/// Organizations form a two-level tree: a network has no parent; its members name it as their parent.
/// Coordinators of a network see its members; a member sees only itself.
public struct Organization: Codable, Sendable, Equatable {
    public typealias ID = Identifier<Organization>

    public var id: ID?
    /// The network this organization belongs to, or `nil` for a network.
    public var parentId: ID?
    public var name: String
    /// Unique among networks, or among the members of one network.
    public var slug: String
    /// ISO 3166-1 alpha-2 code.
    public var country: String
    /// IANA time zone the organization works in.
    public var timeZone: String
    public var website: String?
    /// The code of the language its pages use when a visitor's browser asks for none Indaba ships.
    public var defaultLanguage: String?
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates an organization that is not stored yet.
    public init(
        id: ID? = nil, parentId: ID? = nil, name: String, slug: String, country: String, timeZone: String,
        website: String? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.parentId = parentId
        self.name = name
        self.slug = slug
        self.country = country
        self.timeZone = timeZone
        self.website = website
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The shipped language its pages fall back to, if one was chosen.
    public var language: Language? { defaultLanguage.flatMap { Language(tag: $0) } }

    /// Whether this organization is a network (the root of a tree).
    public var isNetwork: Bool { parentId == nil }
}

extension Organization: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "organization"

    /// Reads the columns directly rather than through `Decodable`: the first decoding of a type in a process looks
    /// up its conformances in the whole executable, and nearly every command reads an organization once.
    public init(row: Row) throws {
        id = row["id"]
        parentId = row["parentId"]
        name = row["name"]
        slug = row["slug"]
        country = row["country"]
        timeZone = row["timeZone"]
        website = row["website"]
        defaultLanguage = row["defaultLanguage"]
        createdAt = row["createdAt"]
        updatedAt = row["updatedAt"]
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = ID(inserted.rowID)
    }
}
