import Foundation
import GRDB
import Kernel

extension CaseStudy {
    static let columns =
        "id, organizationId, networkId, slug, title, summary, body, origin, country, sector, topics, topicWords, "
        + "outcomes, links, licence, consent, visibility, version, createdAt, updatedAt"

    /// ``columns`` of the table aliased `alias`.
    static func columns(alias: String) -> String {
        columns.split(separator: ",").map { "\(alias)." + $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: ", ")
    }

    /// Decodes a row selected with ``columns`` (from raw values, not Codable: this is the search's hot path).
    init(row: Row) throws {
        // Topics are slugs, so their words are the list; outcomes and links are JSON, often empty.
        var decoder: JSONDecoder?
        func decoded<T: Decodable & ExpressibleByArrayLiteral>(_ type: T.Type, _ column: String) throws -> T {
            let text: String = row[column]
            if text == "[]" { return [] }
            let json = decoder ?? JSONDecoder()
            decoder = json
            return try json.decode(T.self, from: Data(text.utf8))
        }
        let topicWords: String = row["topicWords"]
        self.init(
            id: row["id"], organizationId: row["organizationId"], networkId: row["networkId"], slug: row["slug"],
            title: row["title"], summary: row["summary"], body: row["body"],
            origin: Origin(rawValue: row["origin"]) ?? .network, country: row["country"], sector: row["sector"],
            topics: topicWords.split(separator: " ").map(String.init),
            outcomes: try decoded([Outcome].self, "outcomes"),
            links: try decoded([Link].self, "links"), licence: row["licence"],
            consent: Consent(rawValue: row["consent"]) ?? .pending,
            visibility: Visibility(rawValue: row["visibility"]) ?? .private, version: row["version"],
            createdAt: row["createdAt"], updatedAt: row["updatedAt"])
    }

    /// The values of every column but `id`, in the order of ``columns``.
    var arguments: StatementArguments {
        [
            organizationId, networkId, slug, title, summary, body, origin.rawValue, country, sector,
            Self.json(topics), topics.joined(separator: " "), Self.json(outcomes), Self.json(links), licence,
            consent.rawValue, visibility.rawValue,
            version, createdAt, updatedAt,
        ]
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
