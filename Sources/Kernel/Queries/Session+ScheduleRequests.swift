public import GRDB

/// Refinements of any request of sessions (such as ``Scope/sessions(inNetwork:)``), so code outside the kernel never
/// names a column of the `session` table.
extension DerivableRequest<Session> {
    /// The sessions still taking place (not cancelled).
    public func scheduled() -> Self {
        filter(Column("status") == Session.Status.scheduled)
    }

    /// In time order, then by id.
    public func inTimeOrder() -> Self {
        order(Column("startsAt"), Column("id"))
    }
}
