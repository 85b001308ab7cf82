import Foundation
import GRDB
import Hummingbird
import Kernel
public import PluginKit

/// The retention dashboard, through the kernel's page protocol: `/orgs/{org}/retention/series` lists the series the
/// organization covers, and `/orgs/{org}/retention/series/{id}` shows one series' funnel (the SVG chart and its
/// figures), drop-out points, targets and the gender and channel breakdowns with small groups hidden.
extension RetentionPlugin {
    public static let navigation = [
        NavigationEntry("Retention dashboard", path: "series"),
        NavigationEntry("Upload attendance", path: "attendance"),
        NavigationEntry("Review queue", path: "review"),
        NavigationEntry("Exercise hand-ins", path: "hand-ins"),
        NavigationEntry("Gender groups", path: "gender-groups"),
    ]

    public func addPages(to pages: PageRoutes) {
        pages.get("series") { _, context in try await overview(context) }
        pages.get("series/:series") { _, context in try await seriesPage(context) }
        pages.page("attendance") { page in try await AttendanceUploadPage(plugin: self).show(page) }
        pages.post("attendance") { page in try await AttendanceUploadPage(plugin: self).upload(page) }
        pages.page("review") { page in try await ReviewQueuePage(plugin: self).show(page) }
        pages.post("review/:item") { page in try await ReviewQueuePage(plugin: self).resolve(page) }
        pages.post("review/:item/series") { page in try await ReviewQueuePage(plugin: self).resolveForSeries(page) }
        pages.page("hand-ins") { page in try await HandInsPage(plugin: self).show(page) }
        pages.post("hand-ins") { page in try await HandInsPage(plugin: self).save(page) }
        pages.page("gender-groups") { page in try await GenderGroupsPage(plugin: self).show(page) }
        pages.post("gender-groups") { page in try await GenderGroupsPage(plugin: self).save(page) }
    }

    private func overview(_ context: IndabaRequestContext) async throws -> PageContent {
        let organization = context.organization!
        let scope = context.scope
        let rows = try await self.context.store.writer.read { db -> [HTML] in
            let covered = try RetentionQueries.organizationsCovered(by: organization, in: db)
            let series = try scope.ownSeries().filter(ownedBy: covered).filter(excluding: [.draft]).fetchAll(db)
                .sorted { $0.id! < $1.id! }
            // Latest first, by each series' first session; series without sessions last.
            let firsts = Dictionary(
                try SeriesOwnership.sessionPlaces(ownedBy: covered, in: db).map { ($0.seriesId, $0.startsAt) },
                uniquingKeysWith: min)
            let ordered = series.sorted { a, b in
                switch (firsts[a.id!], firsts[b.id!]) {
                case let (x?, y?): x > y
                case (_?, nil): true
                default: false
                }
            }
            let enrolled = try SeriesParticipation.enrolmentCounts(of: series.compactMap(\.id), in: db)
            return ordered.map { series in
                """
                <tr><th scope="row"><a href="series/\(series.id!.rawValue)">\(series.title)</a></th>\
                <td>\(series.status.rawValue)</td><td>\(enrolled[series.id!] ?? 0)</td></tr>
                """
            }
        }
        let body: HTML =
            rows.isEmpty
            ? "<p>No series to show yet.</p>"
            : """
            <table><caption>Series and their enrolments</caption>
            <thead><tr><th scope="col">Series</th><th scope="col">Status</th><th scope="col">Enrolled</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return PageContent(title: "Retention dashboard", body: body)
    }

    private func seriesPage(_ context: IndabaRequestContext) async throws -> PageContent {
        let organization = context.organization!.id!
        guard let id = context.parameters.get("series", as: Int64.self) else {
            throw AccessError.notFound(entity: "series", id: 0)
        }
        let scope = context.scope
        let series = try await self.context.store.writer.read { db in
            do {
                return try scope.attendanceSeries(WebinarSeries.ID(id), coveredBy: organization, in: db).series
            } catch KernelError.notFound {
                throw AccessError.notFound(entity: "series", id: id)
            }
        }
        let settings = try await self.settings(for: organization)
        let now = self.context.now()
        let report = try await self.context.store.writer.read { db in
            SeriesReport(
                progress: try SeriesProgress(series: series, now: now, in: db), settings: settings,
                targets: try SeriesTarget.all(of: series.id!, in: db))
        }
        return PageContent(title: "Retention: \(series.title)", body: DashboardMarkup(report: report).body)
    }
}

/// The markup of one series' dashboard.
struct DashboardMarkup {
    let report: SeriesReport

    var body: HTML {
        """
        <p class="crumbs"><a href="../series">All series</a></p>
        <p class="lead">\(report.enrolled) enrolled. Groups smaller than \(report.minimumGroupSize) are hidden, \
        and so is any figure they could be worked out from.</p>
        <h2>Funnel</h2>
        \(funnel)
        \(steps)
        \(targets)
        \(breakdown(report.gender, caption: "By gender (self-described, with consent)"))
        \(breakdown(report.channels, caption: "By how they heard about the series"))
        """
    }

    var funnel: HTML {
        "<div class=\"chart\">\(HTML(trusted: FunnelChart(report: report).svg))</div>"
    }

    var steps: HTML {
        let rows: [HTML] = report.steps.map { step in
            let share = step.percentOfEnrolled.map { "\($0)%" } ?? "–"
            let state: HTML = step.happened ? "" : " <span class=\"note\">(not yet)</span>"
            return """
                <tr><th scope="row">\(step.label)\(state)</th><td>\(step.people)</td><td>\(share)</td>\
                <td>\(step.droppedOutHere)</td></tr>
                """
        }
        return """
            <div class="scroll"><table><caption>Steps of the funnel</caption>
            <thead><tr><th scope="col">Step</th><th scope="col">People</th><th scope="col">Of enrolled</th>\
            <th scope="col">Dropped out here</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }

    var targets: HTML {
        guard !report.targets.isEmpty else { return .empty }
        let items: [HTML] = report.targets.map { target in
            let actual = target.actualPercent.map { "\($0)%" } ?? "hidden"
            return
                "<li>\(target.label): at least \(target.minimumPercent)%, actual \(actual): <strong>\(target.status)</strong></li>"
        }
        return "<h3>Targets</h3><ul>\(items)</ul>"
    }

    func breakdown(_ breakdown: SeriesReport.Breakdown, caption: String) -> HTML {
        guard !breakdown.groups.isEmpty else { return .empty }
        let head: [HTML] = breakdown.groups.indices.map { "<th scope=\"col\">\(breakdown.label($0))</th>" }
        var labels = Dictionary(report.steps.map { ($0.key, $0.label) }, uniquingKeysWith: { first, _ in first })
        labels["attended-any"] = "Attended any session"
        let explained = breakdown.notes.contains { $0 != nil }
        let rows: [HTML] = breakdown.stepKeys.indices.map { index in
            let key = breakdown.stepKeys[index]
            let values: [HTML] = breakdown.cells[index].map { cell in
                cell.map { "<td>\($0)</td>" } ?? "<td class=\"note\">hidden</td>"
            }
            let note: HTML =
                explained
                ? "<td class=\"note\">\(index < breakdown.notes.count ? breakdown.notes[index] ?? "" : "")</td>" : ""
            return "<tr><th scope=\"row\">\(labels[key] ?? key)</th>\(values)\(note)</tr>"
        }
        let noteHead: HTML = explained ? "<th scope=\"col\">Why hidden</th>" : ""
        return """
            <div class="scroll"><table><caption>\(caption)</caption>
            <thead><tr><th scope="col">Step</th>\(head)\(noteHead)</tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }
}
