import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// Enrolments, attendance and exercise submissions.
///
/// Attendance and submissions are one record per person and session, so they are written with `PUT` on
/// `/sessions/{id}/attendance/{personId}` and `/sessions/{id}/submissions/{personId}`: repeating a request is safe.
struct ParticipationRoutes {
    let workspace: Workspace

    func add(to router: some RouterMethods<IndabaRequestContext>) {
        router.get("enrolments", use: listEnrolments)
        router.post("enrolments", use: enrol)
        router.get("attendance", use: listAttendance)
        router.put("sessions/:id/attendance/:personId", use: recordAttendance)
        router.get("submissions", use: listSubmissions)
        router.put("sessions/:id/submissions/:personId", use: submit)
    }

    @Sendable func listEnrolments(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        try context.scope.requireAuthenticated()
        let query = try ListQuery(request, filters: ["seriesId", "personId", "channel"])
        let scope = context.scope
        let page = try await workspace.read { db in
            var request = scope.enrolments()
            if let series = try query.id("seriesId") { request = request.filter(Column("seriesId") == series) }
            if let person = try query.id("personId") { request = request.filter(Column("personId") == person) }
            if let channel = query.text("channel") { request = request.filter(Column("channel") == channel) }
            return try query.page(request, in: db)
        }
        return try JSONResponse.make(page)
    }

    @Sendable func enrol(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        var fields = Fields(
            try await JSONInput.object(request, context: context),
            allowed: ["seriesId", "personId", "channel", "enrolledAt"])
        let seriesId = fields.integer("seriesId", required: true, in: 1...Int.max)
        let personId = fields.integer("personId", required: true, in: 1...Int.max)
        let channel = fields.string("channel", required: true) { FieldRules.textProblem($0, limit: 64) }
        let enrolledAt = fields.instant("enrolledAt")
        try fields.throwIfInvalid()
        let scope = context.scope
        let (enrolment, created) = try await workspace.write(as: context.actor) { transaction in
            let series = try scope.one(scope.series(), id: Int64(seriesId!), entity: "series", in: transaction.db)
            try scope.requireAdministration(of: try transaction.organizationId(ofSeries: series.id!))
            let person = try scope.one(scope.people(), id: Int64(personId!), entity: "person", in: transaction.db)
            let existed =
                try Enrolment.filter(Column("seriesId") == series.id && Column("personId") == person.id).fetchCount(
                    transaction.db) > 0
            let enrolment = try transaction.enrol(
                person.id!, in: series.id!, at: enrolledAt, channel: channel!)
            return (enrolment, !existed)
        }
        return try JSONResponse.make(enrolment, status: created ? .created : .ok, etag: enrolment.etag)
    }

    @Sendable func listAttendance(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        try context.scope.requireAuthenticated()
        let query = try ListQuery(request, filters: ["sessionId", "personId", "status"])
        let scope = context.scope
        let page = try await workspace.read { db in
            var request = scope.attendance()
            if let session = try query.id("sessionId") { request = request.filter(Column("sessionId") == session) }
            if let person = try query.id("personId") { request = request.filter(Column("personId") == person) }
            if let status = try query.choice("status", as: Attendance.Status.self) {
                request = request.filter(Column("status") == status)
            }
            return try query.page(request, in: db)
        }
        return try JSONResponse.make(page)
    }

    @Sendable func recordAttendance(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let sessionId = try context.parameters.require("id", as: Int64.self)
        let personId = try context.parameters.require("personId", as: Int64.self)
        var fields = Fields(
            try await JSONInput.object(request, context: context), allowed: ["status", "minutes", "source"])
        let status: Attendance.Status? = fields.choice("status", required: true)
        let minutes = fields.integer("minutes", in: 0...1440)
        let source: Attendance.Source? = fields.choice("source")
        try fields.throwIfInvalid()
        let scope = context.scope
        let record = try await workspace.write(as: context.actor) { transaction in
            let (session, person) = try Self.sessionAndPerson(sessionId, personId, scope: scope, transaction)
            try scope.requireAttendanceRecording(
                in: session.seriesId, ownedBy: try transaction.organizationId(ofSeries: session.seriesId))
            return try transaction.recordAttendance(
                of: person.id!, at: session.id!, status: status!, minutes: minutes, source: source)
        }
        return try JSONResponse.make(record, etag: record.etag)
    }

    @Sendable func listSubmissions(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        try context.scope.requireAuthenticated()
        let query = try ListQuery(request, filters: ["sessionId", "personId"])
        let scope = context.scope
        let page = try await workspace.read { db in
            var request = scope.submissions()
            if let session = try query.id("sessionId") { request = request.filter(Column("sessionId") == session) }
            if let person = try query.id("personId") { request = request.filter(Column("personId") == person) }
            return try query.page(request, in: db)
        }
        return try JSONResponse.make(page)
    }

    @Sendable func submit(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let sessionId = try context.parameters.require("id", as: Int64.self)
        let personId = try context.parameters.require("personId", as: Int64.self)
        var fields = Fields(
            try await JSONInput.object(request, context: context), allowed: ["submittedAt", "link", "note"])
        let submittedAt = fields.instant("submittedAt")
        let link = fields.string("link", check: FieldRules.webURLProblem)
        let note = fields.string("note") { $0.count > 2000 ? FieldProblem.tooLong(limit: 2000) : nil }
        try fields.throwIfInvalid()
        let scope = context.scope
        let submission = try await workspace.write(as: context.actor) { transaction in
            let (session, person) = try Self.sessionAndPerson(sessionId, personId, scope: scope, transaction)
            try scope.requireAttendanceRecording(
                in: session.seriesId, ownedBy: try transaction.organizationId(ofSeries: session.seriesId))
            return try transaction.submitExercise(
                of: person.id!, for: session.id!, at: submittedAt, link: link, note: note)
        }
        return try JSONResponse.make(submission, etag: submission.etag)
    }

    private static func sessionAndPerson(
        _ sessionId: Int64, _ personId: Int64, scope: Scope, _ transaction: WriteTransaction
    ) throws -> (Session, Person) {
        let session = try scope.one(scope.sessions(), id: sessionId, entity: "session", in: transaction.db)
        let person = try scope.one(scope.people(), id: personId, entity: "person", in: transaction.db)
        return (session, person)
    }
}
