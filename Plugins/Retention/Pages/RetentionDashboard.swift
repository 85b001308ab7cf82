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
        let t = context.localizer
        let rows = try await self.context.store.read { db -> [HTML] in
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
                <tr><th scope="row"><a href="series/\(series.id!.rawValue)"><bdi>\(series.title)</bdi></a></th>\
                <td class="text">\(Self.status(series.status, t))</td><td>\(t.number(enrolled[series.id!] ?? 0))</td></tr>
                """
            }
        }
        let body: HTML =
            rows.isEmpty
            ? "<p>\(t("No series to show yet."))</p>"
            : """
            <div class="scroll"><table><caption>\(t("Series and their enrolments"))</caption>
            <thead><tr><th scope="col">\(t("Series"))</th><th scope="col">\(t("Status"))</th>\
            <th scope="col">\(t("Enrolled"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        return PageContent(title: t("Retention dashboard"), body: body)
    }

    /// A series' status in `t`'s language.
    static func status(_ status: WebinarSeries.Status, _ t: Localizer) -> String {
        switch status {
        // Translators: the status of a webinar series (une série) not yet published.
        case .draft: t("draft")
        // Translators: the status of a webinar series (une série) open to the public.
        case .published: t("published")
        // Translators: the status of a webinar series (une série) whose sessions are all over.
        case .completed: t("completed")
        // Translators: the status of a webinar series (une série) called off.
        case .cancelled: t("cancelled")
        }
    }

    private func seriesPage(_ context: IndabaRequestContext) async throws -> PageContent {
        let organization = context.organization!.id!
        guard let id = context.parameters.get("series", as: Int64.self) else {
            throw AccessError.notFound(entity: "series", id: 0)
        }
        let scope = context.scope
        let series = try await self.context.store.read { db in
            do {
                return try scope.attendanceSeries(WebinarSeries.ID(id), coveredBy: organization, in: db).series
            } catch KernelError.notFound {
                throw AccessError.notFound(entity: "series", id: id)
            }
        }
        let settings = try await self.settings(for: organization)
        let now = self.context.now()
        let report = try await self.context.store.read { db in
            SeriesReport(
                progress: try SeriesProgress(series: series, now: now, in: db), settings: settings,
                targets: try SeriesTarget.all(of: series.id!, in: db))
        }
        let t = context.localizer
        return PageContent(
            title: t("Retention: {series}", ["series": series.title]), body: DashboardMarkup(report: report, t: t).body)
    }
}

/// The markup of one series' dashboard, in `t`'s language (the report's figures are stored in English for the API
/// and files; every label is worded here).
struct DashboardMarkup {
    let report: SeriesReport
    var t = Localizer.english

    var body: HTML {
        let lead = t(
            "{enrolled} enrolled. Groups smaller than {k} are hidden, and so is any figure they could be worked out from.",
            ["enrolled": t.number(report.enrolled), "k": t.number(report.minimumGroupSize)])
        return """
            <p class="crumbs"><a href="../series">\(t("All series"))</a></p>
            <p class="lead">\(lead)</p>
            <h2>\(t("Funnel"))</h2>
            \(funnel)
            \(steps)
            \(targets)
            \(breakdown(report.gender, caption: t("By gender (self-described, with consent)")))
            \(breakdown(report.channels, caption: t("By how they heard about the series")))
            """
    }

    var funnel: HTML {
        "<div class=\"chart\">\(HTML(trusted: FunnelChart(report: report, t: t).svg))</div>"
    }

    var steps: HTML {
        let rows: [HTML] = report.steps.map { step in
            let state: HTML = step.happened ? "" : " <span class=\"note\">(\(t("not yet")))</span>"
            return """
                <tr><th scope="row">\(label(of: step))\(state)</th><td>\(t.number(step.people))</td>\
                <td>\(share(step.percentOfEnrolled))</td><td>\(t.number(step.droppedOutHere))</td></tr>
                """
        }
        return """
            <div class="scroll"><table><caption>\(t("Steps of the funnel"))</caption>
            <thead><tr><th scope="col">\(t("Step"))</th><th scope="col">\(t("People"))</th>\
            <th scope="col">\(t("Of enrolled"))</th><th scope="col">\(t("Dropped out here"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }

    var targets: HTML {
        guard !report.targets.isEmpty else { return .empty }
        let items: [HTML] = report.targets.map { target in
            "<li>\(HTML(trusted: targetLine(target, strong: ("<strong>", "</strong>"))))</li>"
        }
        return "<h3>\(t("Targets"))</h3><ul>\(items)</ul>"
    }

    /// A target and whether it was met: `Women among the enrolled: at least 50%, actual 61.7%: met`, with the
    /// verdict between `strong` (markup for the page, `**` for Markdown); values escaped for the page.
    func targetLine(_ target: SeriesReport.TargetResult, strong: (String, String), escape: Bool = true) -> String {
        let label = SeriesTarget.Metric(rawValue: target.metric)?.label(in: t) ?? target.label
        let actual = target.actualPercent.map { share($0) } ?? t("hidden")
        let line = t(
            "{target}: at least {minimum}, actual {actual}:",
            ["target": label, "minimum": t.percent(Double(target.minimumPercent) / 100), "actual": actual])
        let verdict = status(target.status)
        return escape
            ? HTML.escape(line) + " " + strong.0 + HTML.escape(verdict) + strong.1
            : line + " " + strong.0 + verdict + strong.1
    }

    /// A target's verdict (`met`, `not met`, `not yet`, `hidden`) in `t`'s language.
    func status(_ status: String) -> String {
        switch status {
        // Translators: a retention target (un objectif) that was reached.
        case "met": t("met")
        case "not met": t("not met")
        case "not yet": t("not yet")
        // Translators: a figure not shown because the group is too small to keep people anonymous.
        case "hidden": t("hidden")
        default: status
        }
    }

    /// A share kept in percent with one decimal (`83.3`), in the language's digits and sign; a dash for none.
    func share(_ percent: Double?) -> String {
        percent.map { t.percent($0 / 100, fractionDigits: 1) } ?? "–"
    }

    /// A step's label in `t`'s language.
    func label(of step: SeriesReport.Step) -> String {
        Self.label(key: step.key, label: step.label, kind: step.kind, t)
    }

    /// The label of a step (`enrolled`, `session-2`, `attended-any`, `completed`) in `t`'s language: a session's
    /// step keeps its number and title (`Attended 2. Title`).
    static func label(key: String, label: String, kind: String, _ t: Localizer) -> String {
        switch key {
        case "enrolled": return t("Enrolled")
        case "completed": return t("Completed every session")
        case "attended-any": return t("Attended any session")
        default:
            // The stored label is "Attended 2. Title" (or "Submitted …"): the number and title follow the verb.
            let rest = label.split(separator: " ", maxSplits: 1).last.map(String.init) ?? label
            let parts = rest.split(separator: ".", maxSplits: 1).map(String.init)
            let session =
                parts.count == 2 && Int(parts[0]) != nil ? t.number(Int(parts[0])!) + "." + parts[1] : rest
            return kind == Session.Kind.offlineExercise.rawValue
                ? t("Submitted {session}", ["session": session]) : t("Attended {session}", ["session": session])
        }
    }

    func breakdown(_ breakdown: SeriesReport.Breakdown, caption: String) -> HTML {
        guard !breakdown.groups.isEmpty else { return .empty }
        let head: [HTML] = breakdown.groups.indices.map { "<th scope=\"col\">\(group(breakdown, $0))</th>" }
        var labels = Dictionary(report.steps.map { ($0.key, label(of: $0)) }, uniquingKeysWith: { first, _ in first })
        labels["attended-any"] = t("Attended any session")
        let explained = breakdown.notes.contains { $0 != nil }
        let rows: [HTML] = breakdown.stepKeys.indices.map { index in
            let key = breakdown.stepKeys[index]
            let values: [HTML] = breakdown.cells[index].map { cell in
                cell.map { "<td>\(t.number($0))</td>" } ?? "<td class=\"note\">\(t("hidden"))</td>"
            }
            let note: HTML = explained ? "<td class=\"note text\">\(self.note(breakdown, at: index) ?? "")</td>" : ""
            return "<tr><th scope=\"row\">\(labels[key] ?? key)</th>\(values)\(note)</tr>"
        }
        let noteHead: HTML = explained ? "<th scope=\"col\">\(t("Why hidden"))</th>" : ""
        return """
            <div class="scroll"><table><caption>\(caption)</caption>
            <thead><tr><th scope="col">\(t("Step"))</th>\(head)\(noteHead)</tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }

    /// Group `index` of `breakdown` as a reader names it: a gender group in `t`'s language, a channel by the label
    /// the organization gave it (a default label in `t`'s language).
    func group(_ breakdown: SeriesReport.Breakdown, _ index: Int) -> String {
        if breakdown.dimension == "gender" && index < GenderGroup.allCases.count {
            return GenderGroup.allCases[index].label(in: t)
        }
        return RetentionSettings.label(ofChannel: breakdown.groups[index], labelled: breakdown.label(index), in: t)
    }

    /// Why figures are hidden at step `index`, in `t`'s language (the stored note is English); nil when nothing is.
    func note(_ breakdown: SeriesReport.Breakdown, at index: Int) -> String? {
        guard index < breakdown.notes.count, breakdown.notes[index] != nil else { return nil }
        let k = t.number(report.minimumGroupSize)
        if index < breakdown.everyoneElse.count, let others = breakdown.everyoneElse[index] {
            return t(
                "Men, another gender and not stated are shown together as everyone else ({others}): on their own, "
                    + "one of them has fewer than {k} people here, or could be worked out from the others.",
                ["others": t.number(others), "k": k])
        }
        if breakdown.cells[index].allSatisfy({ $0 == nil }) {
            return t(
                "All hidden: a group here has fewer than {k} people who reached this step, or fewer than {k} who did "
                    + "not, and any figure shown would let someone work it out.", ["k": k])
        }
        return t(
            "Hidden groups have fewer than {k} people who reached this step, or fewer than {k} who did not, or could "
                + "be worked out from the totals.", ["k": k])
    }
}
