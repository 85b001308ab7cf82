import Kernel

/// The paths of the OpenAPI document.
enum Paths {
    static var all: [String: JSONValue] {
        [
            "/healthz": .object([
                "get": operation(
                    "Health check: the server and its database answer", tag: "system", access: .anonymous,
                    responses: [200: ref("Health")])
            ]),
            "/api/v1/openapi.json": .object([
                "get": operation(
                    "This document", tag: "system", access: .anonymous,
                    responses: [200: .object(["type": "object"])])
            ]),
            "/api/v1/plugins": .object([
                "get": operation("Installed plugins", tag: "plugins", responses: [200: page("InstalledPlugin")])
            ]),
        ]
        .merging(
            collection(
                "organizations", schema: "Organization", tag: "organizations", filters: ["parentId": idType],
                create: "OrganizationCreate", update: "OrganizationUpdate")
        ) { $1 }
        .merging(
            collection(
                "programmes", schema: "Programme", tag: "programmes", filters: ["organizationId": idType],
                create: "ProgrammeCreate", update: "ProgrammeUpdate")
        ) { $1 }
        .merging(
            collection(
                "series", schema: "WebinarSeries", tag: "series",
                filters: ["programmeId": idType, "status": enumType(WebinarSeries.Status.self)],
                create: "SeriesCreate", update: "SeriesUpdate", anonymousRead: true)
        ) { $1 }
        .merging(
            collection(
                "sessions", schema: "Session", tag: "sessions",
                filters: [
                    "seriesId": idType, "status": enumType(Session.Status.self),
                    "kind": enumType(Session.Kind.self), "startsFrom": instantType,
                    "startsBefore": instantType,
                ],
                create: "SessionCreate", update: "SessionUpdate", anonymousRead: true)
        ) { $1 }
        .merging(
            collection(
                "people", schema: "Person", tag: "people",
                filters: ["organizationId": idType, "seriesId": idType, "email": stringType],
                create: "PersonCreate", update: "PersonUpdate")
        ) { $1 }
        .merging(participation) { $1 }
        .merging(SeriesStaffPaths.all) { $1 }
        .merging(pluginEnablement) { $1 }
        .merging(audit) { $1 }
    }

    private static var audit: [String: JSONValue] {
        let bound: JSONValue = .object([
            "type": "string", "description": "An instant (2026-03-01T08:00:00Z) or a day (2026-03-01, UTC).",
        ])
        return [
            "/api/v1/organizations/{id}/audit": .object([
                "get": operation(
                    "The organization's audit log, newest first; `after` gives older lines (administrators and "
                        + "coordinators of its network; 404 for anyone else)", tag: "audit",
                    parameters: [pathId("id")]
                        + listParameters([
                            "actor": .object([
                                "type": "string",
                                "description": "cli:amina, token:3, or a kind of actor ending in a colon (token:)",
                            ]),
                            "action": .object([
                                "type": "string", "description": "series.created, or an area (series) for all of it",
                            ]),
                            "since": bound, "until": bound,
                            "subject": .object(["type": "string", "description": "kind:id, such as person:12"]),
                        ]),
                    responses: [200: page("AuditLine")])
            ])
        ]
    }

    private static var participation: [String: JSONValue] {
        [
            "/api/v1/enrolments": .object([
                "get": operation(
                    "List enrolments", tag: "participation",
                    parameters: listParameters(["seriesId": idType, "personId": idType, "channel": stringType]),
                    responses: [200: page("Enrolment")]),
                "post": operation(
                    "Enrol a person in a series (again: updates the channel)", tag: "participation",
                    body: "EnrolmentCreate", responses: [200: ref("Enrolment"), 201: ref("Enrolment")]),
            ]),
            "/api/v1/attendance": .object([
                "get": operation(
                    "List attendance records", tag: "participation",
                    parameters: listParameters([
                        "sessionId": idType, "personId": idType,
                        "status": enumType(Attendance.Status.self),
                    ]),
                    responses: [200: page("Attendance")])
            ]),
            "/api/v1/sessions/{id}/attendance/{personId}": .object([
                "put": operation(
                    "Record or correct a person's attendance of a live session (facilitators too)",
                    tag: "participation", parameters: [pathId("id"), pathId("personId")], body: "AttendanceInput",
                    responses: [200: ref("Attendance")])
            ]),
            "/api/v1/submissions": .object([
                "get": operation(
                    "List exercise submissions", tag: "participation",
                    parameters: listParameters(["sessionId": idType, "personId": idType]),
                    responses: [200: page("ExerciseSubmission")])
            ]),
            "/api/v1/sessions/{id}/submissions/{personId}": .object([
                "put": operation(
                    "Record a participant's submission for an offline exercise (facilitators too)",
                    tag: "participation", parameters: [pathId("id"), pathId("personId")], body: "SubmissionInput",
                    responses: [200: ref("ExerciseSubmission")])
            ]),
        ]
    }

    private static var pluginEnablement: [String: JSONValue] {
        [
            "/api/v1/organizations/{id}/plugins": .object([
                "get": operation(
                    "Plugins and their settings for an organization (administrators)", tag: "plugins",
                    parameters: [pathId("id")], responses: [200: page("PluginEnablement")])
            ]),
            "/api/v1/organizations/{id}/plugins/{pluginId}": .object([
                "put": operation(
                    "Enable or disable a plugin for an organization, or change its settings (administrators)",
                    tag: "plugins",
                    parameters: [pathId("id"), parameter("pluginId", in: "path", schema: stringType, required: true)],
                    body: "PluginChange", responses: [200: ref("PluginEnablement")])
            ]),
        ]
    }

    // MARK: - Building blocks

    enum Access { case authenticated, anonymous, both }

    static let idType: JSONValue = .object(["type": "integer", "format": "int64", "minimum": 1])
    static let stringType: JSONValue = .object(["type": "string"])
    static let instantType: JSONValue = .object(["type": "string", "format": "date-time"])

    static func enumType<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> JSONValue where T.RawValue == String {
        .object(["type": "string", "enum": .array(T.allCases.map { .string($0.rawValue) })])
    }

    static func ref(_ schema: String) -> JSONValue { .object(["$ref": .string("#/components/schemas/\(schema)")]) }

    private static func page(_ schema: String) -> JSONValue {
        .object([
            "type": "object", "required": .array(["items", "next"]),
            "properties": .object([
                "items": .object(["type": "array", "items": ref(schema)]),
                "next": .object([
                    "type": .array(["integer", "null"]),
                    "description": "Pass as `after` to get the next page; null on the last page.",
                ]),
            ]),
        ])
    }

    static func parameter(_ name: String, in location: String, schema: JSONValue, required: Bool = false)
        -> JSONValue
    {
        .object(["name": .string(name), "in": .string(location), "required": .bool(required), "schema": schema])
    }

    static func pathId(_ name: String) -> JSONValue {
        parameter(name, in: "path", schema: idType, required: true)
    }

    private static func listParameters(_ filters: [String: JSONValue]) -> [JSONValue] {
        [
            parameter(
                "limit", in: "query", schema: .object(["type": "integer", "minimum": 1, "maximum": 200, "default": 50])),
            parameter("after", in: "query", schema: idType),
        ] + filters.keys.sorted().map { parameter($0, in: "query", schema: filters[$0]!) }
    }

    private static func collection(
        _ name: String, schema: String, tag: String, filters: [String: JSONValue], create: String, update: String,
        anonymousRead: Bool = false
    ) -> [String: JSONValue] {
        let read: Access = anonymousRead ? .both : .authenticated
        return [
            "/api/v1/\(name)": .object([
                "get": operation(
                    "List \(name) the caller may see", tag: tag, access: read, parameters: listParameters(filters),
                    responses: [200: page(schema)]),
                "post": operation("Create", tag: tag, body: create, responses: [201: ref(schema)], tagged: true),
            ]),
            "/api/v1/\(name)/{id}": .object([
                "get": operation(
                    "Read one", tag: tag, access: read,
                    parameters: [pathId("id"), parameter("If-None-Match", in: "header", schema: stringType)],
                    responses: [200: ref(schema)], tagged: true, revalidated: true),
                "patch": operation(
                    "Change some fields (needs If-Match)", tag: tag,
                    parameters: [
                        pathId("id"), parameter("If-Match", in: "header", schema: stringType, required: true),
                    ],
                    body: update, responses: [200: ref(schema)], conditional: true, tagged: true),
            ]),
        ]
    }

    static func operation(
        _ summary: String, tag: String, access: Access = .authenticated, parameters: [JSONValue] = [],
        body: String? = nil, responses: [Int: JSONValue], conditional: Bool = false, tagged: Bool = false,
        revalidated: Bool = false
    ) -> JSONValue {
        var result: [String: JSONValue] = ["summary": .string(summary), "tags": .array([.string(tag)])]
        switch access {
        case .authenticated: break
        case .anonymous: result["security"] = .array([.object([:])])
        case .both: result["security"] = .array([.object([:]), .object(["bearerAuth": .array([])])])
        }
        if !parameters.isEmpty { result["parameters"] = .array(parameters) }
        if let body {
            result["requestBody"] = .object([
                "required": true, "content": .object(["application/json": .object(["schema": ref(body)])]),
            ])
        }
        var answers: [String: JSONValue] = [:]
        for (status, schema) in responses {
            var answer: [String: JSONValue] = [
                "description": .string(status == 201 ? "Created" : "OK"),
                "content": .object(["application/json": .object(["schema": schema])]),
            ]
            if tagged {
                answer["headers"] = .object([
                    "ETag": .object([
                        "description": "The version read; send it back as If-Match to update.",
                        "schema": .object(["type": "string"]),
                    ])
                ])
            }
            answers["\(status)"] = .object(answer)
        }
        let problems: [Int: String] = [
            400: "Malformed body or query", 401: "Missing or invalid token", 403: "Visible but not allowed",
            404: "Not there, or not visible to the caller", 409: "Conflicts with existing data",
            412: "If-Match names an older version", 413: "Body too large", 415: "Body is not JSON",
            422: "A field is invalid (each named in errors)", 428: "If-Match is missing",
        ]
        let relevant: [Int] =
            switch (body != nil, access) {
            case (true, _): [400, 401, 403, 404, 409, 413, 415, 422] + (conditional ? [412, 428] : [])
            case (false, .anonymous): []
            case (false, _): [400, 401, 404]
            }
        for status in relevant where answers["\(status)"] == nil {
            answers["\(status)"] = .object([
                "description": .string(problems[status]!),
                "content": .object(["application/problem+json": .object(["schema": ref("Problem")])]),
            ])
        }
        if revalidated {
            answers["304"] = .object(["description": "Not modified: If-None-Match names the current ETag"])
        }
        result["responses"] = .object(answers)
        return .object(result)
    }
}
