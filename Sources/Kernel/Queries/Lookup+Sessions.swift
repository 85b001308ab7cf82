public import GRDB

extension Lookup {
    /// The slug path of a session (its series' path, then its slug), or its id when its series is gone.
    public static func path(of session: Session, in db: Database) throws -> String {
        guard let series = try WebinarSeries.fetchOne(db, key: session.seriesId) else { return "\(session.id!)" }
        return try path(of: series, in: db) + "/" + session.slug
    }

    /// The sessions with `ids` that exist, in time order (then by id).
    public static func sessions(_ ids: some Collection<Session.ID>, in db: Database) throws -> [Session] {
        try Session.filter(keys: Array(ids)).inTimeOrder().fetchAll(db)
    }

    /// The sessions of `series`, in time order (then by id).
    public static func sessions(ofSeries series: WebinarSeries.ID, in db: Database) throws -> [Session] {
        try Session.filter(Column("seriesId") == series).inTimeOrder().fetchAll(db)
    }
}
