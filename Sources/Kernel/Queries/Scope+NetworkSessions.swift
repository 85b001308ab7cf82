public import GRDB

extension Scope {
    /// The sessions the caller can see (``sessions()``: those of their own series in any status, and of published
    /// and completed series) among the series run by `network` and its members: what a network's shared records,
    /// such as a shared library of documents, may point to.
    public func sessions(inNetwork network: Organization.ID) -> QueryInterfaceRequest<Session> {
        sessions().filter(
            sql: """
                seriesId IN (SELECT s.id FROM webinarSeries s JOIN programme p ON p.id = s.programmeId
                JOIN organization o ON o.id = p.organizationId WHERE coalesce(o.parentId, o.id) = ?)
                """, arguments: [network])
    }

    /// Those of `sessions` the caller can see (``sessions()``), in the order given: what a record linking to
    /// sessions may show of its links to this caller.
    public func visible(_ sessions: [Session], in db: Database) throws -> [Session] {
        guard !sessions.isEmpty else { return [] }
        let ids = Set(
            try self.sessions().filter(keys: sessions.map { $0.id!.rawValue }).selectPrimaryKey(as: Int64.self)
                .fetchAll(db))
        return sessions.filter { ids.contains($0.id!.rawValue) }
    }
}
