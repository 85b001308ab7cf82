public import GRDB

extension DerivableRequest<WebinarSeries> {
    /// Series run by `organization` (not by its members).
    public func run(by organization: Organization.ID) -> Self {
        filter(sql: "programmeId IN (SELECT id FROM programme WHERE organizationId = ?)", arguments: [organization])
    }
}
