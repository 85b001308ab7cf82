public import GRDB

/// Finding one person among those the caller can see, by the references people type.
extension Scope {
    /// The visible person with id or e-mail `reference`. Hidden and missing people answer alike, and the error
    /// never repeats an e-mail address.
    /// - Throws: ``AccessError/notFound(entity:id:)`` for an id; ``KernelError/notFound(entity:reference:)`` for an
    ///   e-mail address nobody visible has.
    public func person(_ reference: String, in db: Database) throws -> Person {
        if let id = Int64(reference) { return try one(people(), id: id, entity: "person", in: db) }
        guard reference.contains("@"),
            let found = try people().filter(Column("emailKey") == FieldRules.emailKey(reference)).fetchOne(db)
        else {
            throw KernelError.notFound(
                entity: "person", reference: reference.contains("@") ? "(that e-mail)" : reference)
        }
        return found
    }
}
