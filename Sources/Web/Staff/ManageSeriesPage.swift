import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Kernel
import PluginKit

/// `/manage/series/{id}`: a series' administrators reschedule, cancel and add its sessions, in the series' zone.
///
/// Every change goes through the kernel (`reschedule`, `cancel`, `save`), so feeds and other plugins hear of it;
/// a refused form comes back with the problem next to it (422) and nothing written.
struct ManageSeriesPage {
    let web: WebInterface

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("manage/series/:series") { request, context in
            let series = try await managed(context)
            return try await render(series, problems: [:], request, context)
        }
        router.post("manage/series/:series/sessions/:session/reschedule") { request, context in
            try await change(request, context) { series, session, form in
                let zone = TimeZone(identifier: series.timeZone) ?? .gmt
                let t = web.localizer(request, context)
                let (start, end) = try SessionTimesForm(form).instants(in: zone, t).get()
                return { try $0.reschedule(session, startsAt: start, endsAt: end) }
            }
        }
        router.post("manage/series/:series/sessions/:session/describe") { request, context in
            try await change(request, context) { _, session, form in
                let description = Session.normalizedDescription(form["description"])
                if let problem = Session.descriptionProblem(description) {
                    let t = web.localizer(request, context)
                    throw SessionFormProblem(problem.sentence(subject: t("The description"), t))
                }
                return { transaction in
                    var record = try transaction.fetchSession(session)
                    record.description = description
                    return try transaction.save(record)
                }
            }
        }
        router.post("manage/series/:series/sessions/:session/cancel") { request, context in
            try await change(request, context) { _, session, _ in { try $0.cancel(session) } }
        }
        router.post("manage/series/:series/sessions") { request, context in
            try await addSession(request, context)
        }
    }

    // MARK: - Changes

    private typealias Change = @Sendable (WriteTransaction) throws -> Session

    /// Checks access and the form, builds the change (or a problem for the form), writes it, and goes back.
    private func change(
        _ request: Request, _ context: IndabaRequestContext,
        _ build: (WebinarSeries, Session.ID, FormData) throws -> Change
    ) async throws -> Response {
        let series = try await managed(context)
        guard let id = context.parameters.get("session", as: Int64.self) else {
            throw AccessError.notFound(entity: "session", id: 0)
        }
        let session = Session.ID(id)
        let belongs = try await web.workspace.read { db in
            try Session.filter(key: session).filter(Column("seriesId") == series.id).fetchCount(db) > 0
        }
        guard belongs else { throw AccessError.notFound(entity: "session", id: id) }
        let form = try await FormData.read(request, context: context)
        if let refusal = refusal(form, series: series, request: request, context: context) {
            return try await render(series, problems: ["\(id)": refusal], request, context, status: .forbidden)
        }
        do {
            let write = try build(series, session, form)
            try await web.workspace.write(as: context.actor) { _ = try write($0) }
        } catch let problem as SessionFormProblem {
            return try await render(
                series, problems: ["\(id)": problem.message], request, context, status: .unprocessableContent)
        } catch let error as KernelError {
            let problem = error.worded(web.localizer(request, context))
            return try await render(
                series, problems: ["\(id)": problem], request, context, status: .unprocessableContent)
        }
        return web.redirect(to: "/manage/series/\(series.id!.rawValue)#session-\(id)")
    }

    private func addSession(_ request: Request, _ context: IndabaRequestContext) async throws -> Response {
        let series = try await managed(context)
        let form = try await FormData.read(request, context: context)
        if let refusal = refusal(form, series: series, request: request, context: context) {
            return try await render(series, problems: ["new": refusal], request, context, status: .forbidden)
        }
        let title = form["title"]
        let zone = TimeZone(identifier: series.timeZone) ?? .gmt
        let t = web.localizer(request, context)
        let problem: String?
        let times = SessionTimesForm(form).instants(in: zone, t)
        let description = Session.normalizedDescription(form["description"])
        if let textProblem = FieldRules.textProblem(title, limit: 200) {
            problem = textProblem.sentence(subject: t("The title"), t)
        } else if let descriptionProblem = Session.descriptionProblem(description) {
            problem = descriptionProblem.sentence(subject: t("The description"), t)
        } else if Session.Kind(rawValue: form["kind"]) == nil {
            problem = t("Choose what kind of session it is.")
        } else if case .failure(let failure) = times {
            problem = failure.message
        } else {
            problem = nil
        }
        if let problem {
            return try await render(
                series, problems: ["new": problem], request, context, status: .unprocessableContent,
                draft: AddModel(form: form, t))
        }
        let (start, end) = try times.get()
        let kind = Session.Kind(rawValue: form["kind"])!
        let seriesId = series.id!
        try await web.workspace.write(as: context.actor) { transaction in
            let existing = try Session.filter(Column("seriesId") == seriesId).fetchAll(transaction.db)
            let session = Session(
                seriesId: seriesId, position: (existing.map(\.position).max() ?? 0) + 1,
                slug: sessionSlug(for: title, taken: Set(existing.map(\.slug))), title: title, kind: kind,
                startsAt: start, endsAt: end, timeZone: series.timeZone, description: description,
                createdAt: transaction.now, updatedAt: transaction.now)
            try transaction.save(session)
        }
        return web.redirect(to: "/manage/series/\(seriesId.rawValue)#sessions")
    }

    /// Why the form's token is refused, if it is.
    private func refusal(
        _ form: FormData, series: WebinarSeries, request: Request, context: IndabaRequestContext
    ) -> String? {
        do {
            try web.checkForm(form, purpose: "manage:\(series.id!.rawValue)", request: request)
            return nil
        } catch {
            return error.message(in: web.localizer(request, context))
        }
    }

    /// The series named in the path, if the signed-in user administers its organization.
    private func managed(_ context: IndabaRequestContext) async throws -> WebinarSeries {
        try context.scope.requireAuthenticated()
        guard let id = context.parameters.get("series", as: Int64.self) else {
            throw AccessError.notFound(entity: "series", id: 0)
        }
        let scope = context.scope
        let (series, organization) = try await web.workspace.read { db in
            let series = try scope.one(scope.ownSeries(), id: id, entity: "series", in: db)
            return (series, try SeriesOwnership.owner(ofSeries: series.id!, in: db))
        }
        try scope.requireAdministration(of: organization)
        return series
    }

    // MARK: - Page

    private func render(
        _ series: WebinarSeries, problems: [String: String], _ request: Request, _ context: IndabaRequestContext,
        status: HTTPResponse.Status = .ok, draft: AddModel? = nil
    ) async throws -> Response {
        var chrome = web.chrome(for: request, context: context)
        let t = chrome.localizer
        let nonce = web.formNonce(request, into: &chrome)
        let token = web.forms.issue(purpose: "manage:\(series.id!.rawValue)", nonce: nonce, at: web.workspace.now())
        let sessions = try await web.workspace.read { db in
            try Session.filter(Column("seriesId") == series.id).order(Column("startsAt"), Column("position"))
                .fetchAll(db)
        }
        let zone = TimeZone(identifier: series.timeZone) ?? .gmt
        var add = draft ?? AddModel(t)
        add.error = problems["new"]
        let model = ManageModel(
            seriesId: series.id!.rawValue, title: series.title,
            zone: t.zoneName(zone) == zone.identifier
                ? zone.identifier : "\(t.zoneName(zone)) (\(zone.identifier))", token: token,
            sessions: sessions.map { SessionRow($0, zone: zone, seriesId: series.id!.rawValue, error: problems, t) },
            add: add)
        return web.renderer.page(
            "manage", title: t("Sessions of {title}", ["title": series.title]), model: model, chrome: chrome,
            status: status)
    }
}

struct ManageModel {
    let seriesId: Int64
    let title: String
    let zone: String
    let token: String
    let sessions: [SessionRow]
    let add: AddModel
}

struct SessionRow {
    let id: Int64
    let title: String
    let when: String
    let status: String
    let cancelled: Bool
    let action: String
    let times: SessionTimesForm
    let description: String
    let error: String?

    init(
        _ session: Session, zone: TimeZone, seriesId: Int64, error problems: [String: String],
        _ t: Localizer = .english
    ) {
        id = session.id!.rawValue
        title = session.title
        when = SessionTimes(zone: zone, localizer: t).range(from: session.startsAt, to: session.endsAt)
        status = session.status == .cancelled ? t("Cancelled") : AddModel.kindLabel(session.kind, t)
        cancelled = session.status == .cancelled
        action = "/manage/series/\(seriesId)/sessions/\(session.id!.rawValue)"
        times = SessionTimesForm(session, zone: zone)
        description = session.description
        error = problems["\(session.id!.rawValue)"]
    }
}

struct AddModel {
    struct KindOption {
        let value: String
        let label: String
        let selected: Bool
    }

    var title = ""
    var times = SessionTimesForm()
    var description = ""
    var kinds: [KindOption]
    var error: String?

    init(_ t: Localizer = .english) {
        kinds = Self.options(selected: "live", t)
    }

    init(form: FormData, _ t: Localizer = .english) {
        title = form["title"]
        times = SessionTimesForm(form)
        description = form["description"]
        kinds = Self.options(selected: form["kind"], t)
    }

    static func options(selected: String, _ t: Localizer) -> [KindOption] {
        [Session.Kind.live, .feedback, .offlineExercise]
            .map { KindOption(value: $0.rawValue, label: kindLabel($0, t), selected: $0.rawValue == selected) }
    }

    /// What a kind of session is called on the page.
    static func kindLabel(_ kind: Session.Kind, _ t: Localizer) -> String {
        switch kind {
        case .live: t("Live session")
        case .feedback: t("Feedback session")
        case .offlineExercise: t("Exercise between sessions")
        }
    }
}
