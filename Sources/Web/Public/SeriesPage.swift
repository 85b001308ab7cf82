import Foundation
import Hummingbird
import Kernel
import PluginKit

/// `GET /series/{id}[?tz=Zone]`: the public page of a published or completed series.
///
/// Times are shown in the zone chosen with `?tz=` (the series' own zone by default) with the planned zone beside
/// them; a small script offers the visitor's own zone. Enabled plugins add sections (subscribe links, case studies).
struct SeriesPage {
    let web: WebInterface

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("series/:series") { request, context in
            try await show(request, context: context)
        }
    }

    private func show(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        guard let id = context.parameters.get("series", as: Int64.self) else {
            throw AccessError.notFound(entity: "series", id: 0)
        }
        let asked = request.uri.queryParameters.get("tz")
        let chosen = asked.flatMap { $0.isEmpty ? nil : TimeZone(identifier: $0) }
        let zoneError = asked.map { !$0.isEmpty && chosen == nil } ?? false
        let read = { try await web.workspace.read { db in try SeriesPageData.read(id, in: db) } }
        let render = { (data: SeriesPageData) async throws -> (document: String, chrome: Chrome) in
            // The organization's default language applies when the visitor asked for none Indaba ships.
            let chrome = web.chrome(
                for: request, context: context, script: "/static/local-time.js",
                organization: data.organization.language)
            let localizer = chrome.localizer
            let planned = TimeZone(identifier: data.series.timeZone) ?? .gmt
            let sections = try await sections(for: data, localizer: localizer)
            // The visitor may have given up while the database was read: render nothing for nobody.
            try Task.checkCancellation()
            let model = SeriesModel(
                data: data, zone: chosen ?? planned, planned: planned, sections: sections, localizer: localizer,
                zoneError: zoneError
                    ? localizer(
                        "'{zone}' is not a time zone; times are shown in the series' own zone.", ["zone": asked ?? ""])
                    : nil)
            let document = try await web.renderer.document(
                "series", title: data.series.title, model: model, chrome: chrome)
            return (document, chrome)
        }
        guard !context.access.isAuthenticated, !zoneError else {
            let (document, chrome) = try await render(try await read())
            return web.renderer.response(document: document, chrome: chrome, status: zoneError ? .badRequest : .ok)
        }
        // A visitor who asked for no language Indaba ships gets the organization's default: the page under "-" is
        // that one whatever it is, and a change of it is a write, which empties the cache. So nothing is read before
        // the cache is asked.
        let language = web.askedLanguage(request, context).map { "\($0)" } ?? "-"
        return try await web.publicPages.respond(
            to: request, key: "series \(id) \(language) \(chosen?.identifier ?? "")",
            render: {
                PublicResponseCache.Rendered(
                    text: try await render(try await read()).document, contentType: HomePage.html)
            },
            fallback: { throw AccessError.notFound(entity: "series", id: id) })
    }

    /// The sections of the plugins enabled for the series' organization, in order.
    private func sections(for data: SeriesPageData, localizer: Localizer) async throws -> [SectionModel] {
        var sections: [(order: Int, plugin: PluginID, section: PageSection)] = []
        for plugin in web.workspace.installedPlugins where data.enabledPlugins.contains(type(of: plugin).id) {
            let id = type(of: plugin).id
            let page = SeriesPageRequest(
                series: data.series, organization: data.organization, baseURL: web.configuration.baseURL,
                localizer: localizer.preferring(id))
            sections += try await plugin.seriesSections(for: page).map { ($0.order, id, $0) }
        }
        return sections.sorted { ($0.order, $0.plugin) < ($1.order, $1.plugin) }.enumerated().map {
            SectionModel(anchor: "\($0.element.plugin.rawValue)-\($0.offset + 1)", section: $0.element.section)
        }
    }
}

/// A plugin's section, ready for a template.
struct SectionModel {
    let anchor: String
    let title: String
    let body: String

    init(anchor: String, section: PageSection) {
        self.anchor = anchor
        title = section.title
        body = section.body.markup
    }
}

/// The series page's template model.
struct SeriesModel {
    struct ZoneOption {
        let id: String
        let label: String
        let selected: Bool
    }

    struct SessionModel {
        let title: String
        let startISO: String
        let when: String
        let plannedDiffers: Bool
        let planned: String
        let plannedZone: String
        let kind: String
        let duration: String
        let cancelled: Bool
        let hasAgenda: Bool
        let agenda: [String]
        let hasDescription: Bool
        let description: [String]
    }

    struct FacilitatorModel {
        let name: String
        let role: String
    }

    let id: Int64
    let title: String
    let organization: String
    let programme: String
    let status: String
    let summary: String?
    let canEnrol: Bool
    let hasObjectives: Bool
    let objectives: [String]
    let zones: [ZoneOption]
    let zone: String
    /// The zone as people know it in the page's language, with its identifier.
    let zoneName: String
    let zoneIsPlanned: Bool
    let zoneError: String?
    let sessions: [SessionModel]
    /// The series has more sessions than the page shows.
    let moreSessions: Bool
    let hasFacilitators: Bool
    let facilitators: [FacilitatorModel]
    let sections: [SectionModel]

    init(
        data: SeriesPageData, zone: TimeZone, planned: TimeZone, sections: [SectionModel], localizer: Localizer,
        zoneError: String?
    ) {
        id = data.series.id!.rawValue
        title = data.series.title
        organization = data.organization.name
        programme = data.programme.title
        status = data.series.status == .published ? localizer("Open for enrolment") : localizer("Completed")
        summary = data.series.summary.isEmpty ? nil : data.series.summary
        canEnrol = data.series.status == .published
        hasObjectives = !data.series.objectives.isEmpty
        objectives = data.series.objectives
        let zoneIds =
            [planned.identifier] + SessionTimes.commonZones.filter { $0 != planned.identifier }
            + extraZone(zone.identifier, planned: planned.identifier)
        zones = zoneIds.map { id in
            ZoneOption(
                id: id,
                label: id == planned.identifier
                    ? localizer("{zone} (series' zone)", ["zone": id.replacingOccurrences(of: "_", with: " ")])
                    : id.replacingOccurrences(of: "_", with: " "), selected: id == zone.identifier)
        }
        self.zone = zone.identifier
        let name = localizer.zoneName(zone)
        zoneName = name == zone.identifier ? name : "\(name) (\(zone.identifier))"
        zoneIsPlanned = zone.identifier == planned.identifier
        self.zoneError = zoneError
        let shown = SessionTimes(zone: zone, localizer: localizer)
        sessions = data.sessions.map { session in
            let own = TimeZone(identifier: session.timeZone) ?? planned
            let plannedText = SessionTimes(zone: own, localizer: localizer).range(
                from: session.startsAt, to: session.endsAt)
            return SessionModel(
                title: session.title, startISO: shown.iso(session.startsAt),
                when: shown.range(from: session.startsAt, to: session.endsAt),
                plannedDiffers: own.identifier != zone.identifier, planned: plannedText, plannedZone: own.identifier,
                kind: Self.label(session.kind, localizer), duration: Self.duration(session, localizer),
                cancelled: session.status != .scheduled,
                hasAgenda: !session.agenda.isEmpty, agenda: session.agenda,
                hasDescription: !session.description.isEmpty, description: session.descriptionParagraphs)
        }
        moreSessions = data.moreSessions
        hasFacilitators = !data.facilitators.isEmpty
        facilitators = data.facilitators.map {
            FacilitatorModel(
                name: $0.name, role: $0.role == .facilitator ? localizer("facilitator") : localizer("guest speaker"))
        }
        self.sections = sections
    }

    /// "90 minutes" for a meeting; the span in days for an exercise done between meetings.
    private static func duration(_ session: Session, _ localizer: Localizer) -> String {
        guard session.kind == .offlineExercise else {
            return localizer.plural("{count} minute", "{count} minutes", count: session.plannedMinutes)
        }
        let days = Int((Double(session.plannedMinutes) / 1440).rounded())
        return localizer.plural("{count} day", "{count} days", count: days)
    }

    private static func label(_ kind: Session.Kind, _ localizer: Localizer) -> String {
        switch kind {
        case .offlineExercise: localizer("Exercise to do on your own")
        case .live: localizer("Live session")
        case .feedback: localizer("Feedback session")
        }
    }
}

/// The chosen zone, when it is not among the common ones, so the choice shows it.
private func extraZone(_ zone: String, planned: String) -> [String] {
    zone == planned || SessionTimes.commonZones.contains(zone) ? [] : [zone]
}
