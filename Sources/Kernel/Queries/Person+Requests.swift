public import GRDB

extension DerivableRequest<Person> {
    /// People with any role in `series`: participants, facilitators and guest speakers.
    public func takingPart(in series: WebinarSeries.ID) -> Self {
        filter(sql: "id IN (SELECT personId FROM seriesRole WHERE seriesId = ?)", arguments: [series])
    }
}
