import GRDB
import Hummingbird
import Kernel

extension Workspace {
    /// The record with `id` that `scope` lets the caller see, or a 404.
    func visible<R: FetchableRecord & TableRecord & Sendable>(
        _ id: Int64, entity: String, scope: Scope,
        from request: @escaping @Sendable (Scope) -> QueryInterfaceRequest<R>
    ) async throws -> R {
        try await read { db in try scope.one(request(scope), id: id, entity: entity, in: db) }
    }
}

/// Slugs are unique within their parent; a clash is a 409 that says which slug to change.
enum SlugRule {
    /// - Parameters:
    ///   - parentColumn: The column naming the parent (`programmeId`); its value may be `nil` (for networks).
    ///   - except: The record being renamed, which may keep its own slug.
    static func requireFree<R: TableRecord>(
        _ slug: String, in type: R.Type, parentColumn: String, parent: (any DatabaseValueConvertible)?,
        except: Int64?, entity: String, in db: Database
    ) throws {
        let request = R.filter(Column(parentColumn) == parent && Column("slug") == slug && Column("id") != except)
        if try request.fetchCount(db) > 0 {
            throw Problem(
                .conflict, "Another \(entity) in the same place already has the slug '\(slug)'; choose another.")
        }
    }
}
