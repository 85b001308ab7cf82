import GRDB

/// What a search or a list may be narrowed to; each filter given must match.
public struct SearchFilters: Sendable, Equatable {
    public var topic: String?
    public var sector: String?
    public var country: String?
    public var origin: CaseStudy.Origin?

    public init(topic: String? = nil, sector: String? = nil, country: String? = nil, origin: CaseStudy.Origin? = nil) {
        self.topic = topic
        self.sector = sector
        self.country = country
        self.origin = origin
    }

    /// `AND …` conditions on the study aliased `alias`, and their arguments.
    func sql(alias: String) -> (String, StatementArguments) {
        var conditions = ""
        var arguments = StatementArguments()
        if let topic {
            conditions += " AND EXISTS (SELECT 1 FROM json_each(\(alias).topics) WHERE json_each.value = ?)"
            arguments += [topic]
        }
        if let sector {
            conditions += " AND \(alias).sector = ?"
            arguments += [sector]
        }
        if let country {
            conditions += " AND \(alias).country = ?"
            arguments += [country.uppercased()]
        }
        if let origin {
            conditions += " AND \(alias).origin = ?"
            arguments += [origin.rawValue]
        }
        return (conditions, arguments)
    }
}
