import Foundation
import GRDB
import Hummingbird
import Kernel

/// The query string of a list endpoint: `limit`, `after` (the last id of the previous page) and the endpoint's
/// filters. Unknown parameters are refused, so a misspelt filter never silently returns everything.
struct ListQuery {
    static let defaultLimit = 50
    static let maximumLimit = 200

    let limit: Int
    let after: Int64?
    private let parameters: [String: String]

    init(_ request: Request, filters: [String]) throws {
        var parameters: [String: String] = [:]
        var problems: [Problem.FieldProblem] = []
        for (key, value) in request.uri.queryParameters {
            let name = String(key)
            if !(["limit", "after"] + filters).contains(name) {
                let known = (["limit", "after"] + filters).joined(separator: ", ")
                problems.append(
                    .init(field: name) { t in t("is not a filter here; filters are {filters}", ["filters": known]) })
            }
            parameters[name] = String(value)
        }
        let limit = parameters["limit"].map { Int($0) } ?? Self.defaultLimit
        if limit == nil || !(1...Self.maximumLimit).contains(limit!) {
            problems.append(
                .init(field: "limit") { t in
                    t(
                        "must be a whole number from {minimum} to {maximum}",
                        ["minimum": "1", "maximum": "\(Self.maximumLimit)"])
                })
        }
        let after = parameters["after"].map { Int64($0) }
        if let after, after == nil { problems.append(.init(field: "after") { t in t("must be an id") }) }
        if !problems.isEmpty { throw Problem.invalidQuery(problems) }
        self.limit = limit ?? Self.defaultLimit
        self.after = after ?? nil
        self.parameters = parameters
    }

    /// A filter given as an id.
    func id(_ name: String) throws -> Int64? {
        guard let text = parameters[name] else { return nil }
        guard let value = Int64(text) else {
            throw Problem.invalidQuery([.init(field: name) { t in t("must be an id") }])
        }
        return value
    }

    /// A filter given as text.
    func text(_ name: String) -> String? { parameters[name] }

    /// A filter with a fixed set of values.
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, as type: T.Type) throws -> T?
    where T.RawValue == String {
        guard let text = parameters[name] else { return nil }
        guard let value = T(rawValue: text) else {
            let values = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem.invalidQuery([.init(field: name) { t in t("must be one of {values}", ["values": values]) }])
        }
        return value
    }

    /// A filter given as an instant.
    func instant(_ name: String) throws -> Date? {
        guard let text = parameters[name] else { return nil }
        switch TimeFormats.instant(text) {
        case let .success(date): return date
        case let .failure(error):
            throw Problem.invalidQuery([.init(field: name) { error.detail($0) }])
        }
    }

    /// One page of `request` in id order, and the cursor of the next page.
    func page<R: FetchableRecord & TableRecord & APIResource>(_ request: QueryInterfaceRequest<R>, in db: Database)
        throws -> Page<R>
    {
        var request = request.order(Column("id")).limit(limit + 1)
        if let after { request = request.filter(Column("id") > after) }
        let rows = try request.fetchAll(db)
        let items = Array(rows.prefix(limit))
        return Page(items: items, next: rows.count > limit ? items.last?.resourceId : nil)
    }
}
