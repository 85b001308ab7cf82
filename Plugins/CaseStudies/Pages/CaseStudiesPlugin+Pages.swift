import GRDB
public import Kernel

/// The "case studies presented" section of a public series page: the public studies linked to its sessions.
extension CaseStudiesPlugin {
    public func seriesSections(for page: SeriesPageRequest) async throws -> [PageSection] {
        let series = page.series.id!
        let presented = try await context.store.writer.read { db in
            try CaseStudyLibrary.presented(inSeries: series, reader: .anonymous, in: db).map { item in
                (
                    study: item.study,
                    session: try String.fetchOne(
                        db, sql: "SELECT title FROM session WHERE id = ?", arguments: [item.session]) ?? ""
                )
            }
        }
        guard !presented.isEmpty else { return [] }
        let items: [HTML] = presented.map { item in
            let summary: HTML = item.study.summary.isEmpty ? .empty : "<p>\(item.study.summary)</p>"
            return """
                <li><h3>\(item.study.title)</h3><p class="meta">\(item.study.country) · presented in \
                \(item.session)</p>\(summary)</li>
                """
        }
        return [PageSection(title: "Case studies presented", body: "<ul class=\"studies\">\(items)</ul>", order: 50)]
    }
}
