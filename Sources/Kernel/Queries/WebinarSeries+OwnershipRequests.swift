public import GRDB

/// Narrowing a request for series (such as ``Scope/ownSeries()``) by owner and status, without naming tables.
extension DerivableRequest<WebinarSeries> {
    /// The series of programmes owned by one of `organizations` (none when the list is empty).
    public func filter(ownedBy organizations: [Organization.ID]) -> Self {
        let ids = organizations.isEmpty ? "NULL" : organizations.map { String($0.rawValue) }.joined(separator: ",")
        return filter(sql: "programmeId IN (SELECT id FROM programme WHERE organizationId IN (\(ids)))")
    }

    /// The series whose status is not one of `statuses`.
    public func filter(excluding statuses: [WebinarSeries.Status]) -> Self {
        filter(!statuses.contains(Column("status")))
    }
}
