import Foundation
import GRDB
import Kernel

extension CaseStudy {
    static let columns =
        "id, organizationId, networkId, slug, title, summary, body, origin, country, sector, topics, topicWords, "
        + "outcomes, links, licence, consent, visibility, version, createdAt, updatedAt"

    /// ``columns`` of the table aliased `s`, as the search and the lists select them.
    static let columnsOfS = columns(alias: "s")

    /// ``columns`` of the table aliased `alias`.
    static func columns(alias: String) -> String {
        columns.split(separator: ",").map { "\(alias)." + $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: ", ")
    }

    /// Decodes a row selected with ``columns``, which start at column `first` (from raw values by position, not
    /// Codable nor by name: this is the search's hot path, and GRDB finds a fetched row's column by name by
    /// lowercasing every column name before it).
    init(row: Row, from first: Int = 0) throws {
        // Topics are slugs, so their words are the list; outcomes and links are JSON, often empty.
        var decoder: JSONDecoder?
        func decoded<T: Decodable & ExpressibleByArrayLiteral>(_ type: T.Type, _ column: Int) throws -> T {
            let text: String = row[first + column]
            if text == "[]" { return [] }
            let json = decoder ?? JSONDecoder()
            decoder = json
            return try json.decode(T.self, from: Data(text.utf8))
        }
        // The positions of ``columns``.
        let topicWords: String = row[first + 11]
        self.init(
            id: row[first], organizationId: row[first + 1], networkId: row[first + 2], slug: row[first + 3],
            title: row[first + 4], summary: row[first + 5], body: row[first + 6],
            origin: Origin(rawValue: row[first + 7]) ?? .network, country: row[first + 8], sector: row[first + 9],
            topics: topicWords.split(separator: " ").map(String.init),
            outcomes: try decoded([Outcome].self, 12), links: try decoded([Link].self, 13), licence: row[first + 14],
            consent: Consent(rawValue: row[first + 15]) ?? .pending,
            visibility: Visibility(rawValue: row[first + 16]) ?? .private, version: row[first + 17],
            createdAt: row[first + 18], updatedAt: row[first + 19])
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
