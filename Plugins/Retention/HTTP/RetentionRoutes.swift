import Foundation
import GRDB
import Hummingbird
import Kernel
import NIOCore
import PluginKit

/// The plugin's API, under `/api/v1/orgs/{org}/retention`. Reports and imports are for the series' facilitators and
/// the organization's administrators; the review queue, targets and cross-series figures for administrators.
struct RetentionRoutes {
    let plugin: RetentionPlugin

    func add(to routes: RouteCollection<IndabaRequestContext>) {
        routes.post("attendance/import") { request, context in try await importExport(request, context) }
        routes.get("attendance/unmatched") { request, context in
            let organization = context.organization!.id!
            try ReviewQueuePage.requireReviewer(context.scope, of: organization)
            let all = try QueryFlag.value("all", in: request)
            let scope = context.scope
            let items = try await plugin.context.store.read { db in
                try ReviewQueue.items(of: organization, includeResolved: all, scope: scope, in: db)
            }
            return try JSONResponse.make(items)
        }
        routes.post("attendance/unmatched/:item") { request, context in try await resolve(request, context) }
        routes.get("series/:series/report") { _, context in try JSONResponse.make(try await report(context)) }
        routes.get("series/:series/report.csv") { _, context in
            text(try await report(context).csv, type: "text/csv; charset=utf-8", file: "retention-report.csv")
        }
        routes.get("series/:series/funnel.svg") { _, context in
            text(FunnelChart(report: try await report(context)).svg, type: "image/svg+xml; charset=utf-8")
        }
        routes.get("series/:series/followup") { _, context in try JSONResponse.make(try await followUp(context)) }
        routes.get("series/:series/followup.csv") { _, context in
            text(try await followUp(context).csv, type: "text/csv; charset=utf-8", file: "follow-up.csv")
        }
        routes.put("series/:series/targets/:metric") { request, context in try await setTarget(request, context) }
        routes.delete("series/:series/targets/:metric") { request, context in try await setTarget(request, context) }
        routes.get("funnel") { _, context in
            let organization = context.organization!
            _ = try administered(context)
            let settings = try await plugin.settings(for: organization.id!)
            return try JSONResponse.make(
                try await plugin.context.store.read { db in
                    try NetworkFunnel(
                        organizations: RetentionQueries.organizationsCovered(by: organization, in: db),
                        settings: settings, in: db)
                })
        }
        routes.get("programmes/:programme/retention") { _, context in
            let organization = try administered(context)
            let id = try context.parameters.require("programme", as: Int64.self)
            let scope = context.scope
            return try JSONResponse.make(
                try await plugin.context.store.read { db in
                    // Missing, hidden and another organization's programmes answer alike.
                    guard let programme = try? scope.one(scope.programmes(), id: id, entity: "programme", in: db),
                        programme.organizationId == organization
                    else { throw KernelError.notFound(entity: "programme", reference: "\(id)") }
                    return try ProgrammeRetention(programme: programme.id!, in: db)
                })
        }
    }

    private func administered(_ context: IndabaRequestContext) throws -> Organization.ID {
        let organization = context.organization!.id!
        try context.scope.requireAdministration(of: organization)
        return organization
    }

    /// The series named in the path, of this organization, if the caller may see its attendance.
    private func series(_ context: IndabaRequestContext) async throws -> WebinarSeries {
        let id = try context.parameters.require("series", as: Int64.self)
        let organization = context.organization!.id!
        let scope = context.scope
        return try await plugin.context.store.read { db in
            try scope.attendanceSeries(WebinarSeries.ID(id), coveredBy: organization, in: db).series
        }
    }

    private func report(_ context: IndabaRequestContext) async throws -> SeriesReport {
        let series = try await series(context)
        let settings = try await plugin.settings(for: context.organization!.id!)
        let now = plugin.context.now()
        return try await plugin.context.store.read { db in
            SeriesReport(
                progress: try SeriesProgress(series: series, now: now, in: db), settings: settings,
                targets: try SeriesTarget.all(of: series.id!, in: db))
        }
    }

    private func followUp(_ context: IndabaRequestContext) async throws -> FollowUpList {
        let series = try await series(context)
        let now = plugin.context.now()
        return try await plugin.context.store.read { db in
            try FollowUpList(progress: SeriesProgress(series: series, now: now, in: db), in: db)
        }
    }

    private func setTarget(_ request: Request, _ context: IndabaRequestContext) async throws -> Response {
        let series = try await series(context)
        _ = try administered(context)
        let name = try context.parameters.require("metric")
        guard let metric = SeriesTarget.Metric(rawValue: name) else {
            let targets = SeriesTarget.Metric.allCases.map(\.rawValue).joined(separator: ", ")
            throw PluginProblem(.notFound, of: RetentionPlugin.id) { t in
                t("No target '{name}'; targets are {targets}.", ["name": name, "targets": targets])
            }
        }
        var requested: Int? = nil
        if request.method == .put {
            let object = try await JSONBody.object(request, limit: 4096)
            guard case let .integer(percent)? = object["minimumPercent"], let value = Int(exactly: percent),
                object.count == 1
            else {
                throw PluginProblem(.badRequest, of: RetentionPlugin.id) { t in
                    t("Send {example}: a whole number from 0 to 100.", ["example": #"{"minimumPercent": 50}"#])
                }
            }
            requested = value
        }
        let minimum = requested
        try await plugin.context.write(as: context.actor) { transaction in
            try SeriesTarget.set(metric, to: minimum, for: series.id!, in: transaction.db)
        }
        return Response(status: .noContent)
    }

    private func importExport(_ request: Request, _ context: IndabaRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        guard let sessionId = query.get("session", as: Int64.self) else {
            throw PluginProblem(.badRequest, of: RetentionPlugin.id) { t in t("Name the session: ?session=ID.") }
        }
        let organization = context.organization!.id!
        let (session, owner) = try await plugin.context.store.read { db in
            try SeriesOwnership.session(Session.ID(sessionId), coveredBy: organization, in: db)
        }
        do {
            try context.scope.requireAttendanceRecording(in: session.seriesId, ownedBy: owner)
        } catch AccessError.forbidden {
            // A session the caller may not record in answers exactly like one that does not exist.
            throw KernelError.notFound(entity: "session", reference: "\(sessionId)")
        }
        var chosenPlatform: MeetingPlatform? = nil
        if let format = query.get("format"), format != "auto" {
            guard let known = MeetingPlatform(rawValue: format), known != .other else {
                throw PluginProblem(.badRequest, of: RetentionPlugin.id) { t in
                    t("format must be auto, zoom, teams or meet.")
                }
            }
            chosenPlatform = known
        }
        var chosenZone: TimeZone? = nil
        if let name = query.get("timezone") {
            guard let known = TimeZone(identifier: name) else {
                throw PluginProblem(.badRequest, of: RetentionPlugin.id) { t in
                    t("timezone '{name}' is not an IANA zone such as Africa/Harare.", ["name": name])
                }
            }
            chosenZone = known
        }
        let (platform, zone) = (chosenPlatform, chosenZone)
        let dryRun = try QueryFlag.value("dryRun", in: request)
        let anyDate = try QueryFlag.value("anyDate", in: request)
        let confirmAbsent = try QueryFlag.value("confirmAbsent", in: request)
        // A form upload (`curl -F file=@export.csv`) wraps the file in boundaries that would be read as its rows.
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        if let mediaType, ["multipart/form-data", "application/x-www-form-urlencoded"].contains(mediaType) {
            throw PluginProblem(.unsupportedMediaType, of: RetentionPlugin.id) { t in
                t(
                    "Send the export itself as the request body (such as curl -H 'Content-Type: text/csv' --data-binary @export.csv), not as a "
                        + "form upload.")
            }
        }
        let body = try await request.body.collect(upTo: 8 << 20)
        let data = Data(body.readableBytesView)
        let importer = AttendanceImporter(settings: try await plugin.settings(for: organization))
        let plan = try await plugin.context.store.read { db in
            do {
                return try importer.plan(
                    data: data, platform: platform, zone: zone, session: session, anyDate: anyDate, in: db)
            } catch let error as AttendanceFileError {
                let hint = error.offersAnyDate ? " (anyDate=true)" : ""
                throw PluginProblem(.unprocessableContent, of: RetentionPlugin.id) { error.worded($0) + hint }
            }
        }
        if !dryRun {
            do {
                try await plugin.context.write(as: context.actor) { transaction in
                    try importer.apply(plan, session: session, confirmAbsent: confirmAbsent, in: transaction)
                }
            } catch let refusal as ClearingNotConfirmed {
                throw PluginProblem(.conflict, of: RetentionPlugin.id) { t in
                    t.language == .english ? refusal.description : refusal.worded(t) + " (confirmAbsent=true)"
                }
            }
        }
        return try JSONResponse.make(plan)
    }

    private func resolve(_ request: Request, _ context: IndabaRequestContext) async throws -> Response {
        let organization = context.organization!.id!
        try ReviewQueuePage.requireReviewer(context.scope, of: organization)
        let item = try context.parameters.require("item", as: Int64.self)
        let object = try await JSONBody.object(request, limit: 4096)
        let decision: ReviewDecision
        switch (object["person"], object["createWithEmail"], object["ignore"]) {
        case let (.integer(person)?, nil, nil): decision = .link(Person.ID(person))
        case let (nil, .string(email)?, nil): decision = .create(email: email)
        case (nil, nil, .bool(true)?): decision = .ignore
        default:
            throw PluginProblem(.badRequest, of: RetentionPlugin.id) { t in
                t(
                    "Send one of {person}, {create} or {ignore}.",
                    [
                        "person": #"{"person": ID}"#, "create": #"{"createWithEmail": "address"}"#,
                        "ignore": #"{"ignore": true}"#,
                    ])
            }
        }
        let settings = try await plugin.settings(for: organization)
        let scope = context.scope
        let resolved = try await plugin.context.write(as: context.actor) { transaction in
            try ReviewQueue.resolve(
                item, of: organization, decision: decision, settings: settings, scope: scope, in: transaction)
        }
        return try JSONResponse.make(resolved)
    }

    private func text(_ body: String, type: String, file: String? = nil) -> Response {
        var headers: HTTPFields = [.contentType: type, .cacheControl: "private, no-store"]
        if let file { headers[.contentDisposition] = "attachment; filename=\"\(file)\"" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
