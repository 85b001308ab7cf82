import Kernel

/// The schemas of the OpenAPI document: what the API answers and what it accepts.
///
/// Input schemas forbid additional properties, as the server does: an unknown field is a 422, not ignored.
enum Schemas {
    static var all: [String: JSONValue] {
        outputs.merging(inputs) { $1 }
    }

    private static let id = Paths.idType
    private static let text = Paths.stringType
    private static let instant = Paths.instantType
    private static let nullableId: JSONValue = .object(["type": .array(["integer", "null"]), "format": "int64"])
    private static let nullableText: JSONValue = .object(["type": .array(["string", "null"])])
    /// One of the shipped languages' codes, or null for none.
    private static let language: JSONValue = .object([
        "type": .array(["string", "null"]),
        "enum": .array(Language.shipped.map { .string($0.code) } + [.null]),
        "description": .string(
            "The language the organization's pages, messages, feeds and reports fall back to; null: English."),
    ])
    private static let texts: JSONValue = .object(["type": "array", "items": text])
    private static let textMap: JSONValue = .object(["type": "object", "additionalProperties": text])
    private static let settings: JSONValue = .object(["type": "object", "description": "The plugin's settings."])
    private static let sessionDescription: JSONValue = .object([
        "type": "string", "maxLength": .integer(Int64(Session.descriptionLimit)),
        "description": "What the session is about or what happened in it: Markdown or plain text; empty for none.",
    ])
    static let leadingRole: JSONValue = .object(["type": "string", "enum": .array(["facilitator", "guestSpeaker"])])
    private static let stamps: [String: JSONValue] = ["id": id, "createdAt": instant, "updatedAt": instant]

    private static var outputs: [String: JSONValue] {
        [
            "Organization": object(
                stamps.merging([
                    "parentId": nullableId, "name": text, "slug": text, "country": text, "timeZone": text,
                    "website": text, "defaultLanguage": language,
                ]) { $1 }, required: ["id", "name", "slug", "country", "timeZone", "createdAt", "updatedAt"]),
            "Programme": object(
                stamps.merging(["organizationId": id, "slug": text, "title": text, "summary": text]) { $1 },
                required: ["id", "organizationId", "slug", "title", "summary", "createdAt", "updatedAt"]),
            "WebinarSeries": object(
                stamps.merging([
                    "programmeId": id, "slug": text, "title": text, "summary": text, "objectives": texts,
                    "status": Paths.enumType(WebinarSeries.Status.self), "timeZone": text,
                ]) { $1 },
                required: ["id", "programmeId", "slug", "title", "status", "timeZone", "createdAt", "updatedAt"]),
            "Session": object(
                stamps.merging([
                    "seriesId": id, "position": .object(["type": "integer"]), "slug": text, "title": text,
                    "kind": Paths.enumType(Session.Kind.self), "startsAt": instant, "endsAt": instant,
                    "timeZone": text,
                    "joinURL": .object([
                        "type": "string", "description": "Only for the series' administrators and facilitators.",
                    ]),
                    "agenda": texts, "status": Paths.enumType(Session.Status.self),
                    "description": sessionDescription,
                    "revision": .object([
                        "type": "integer", "description": "Goes up when time, place or status change.",
                    ]),
                ]) { $1 },
                required: [
                    "id", "seriesId", "slug", "title", "kind", "startsAt", "endsAt", "timeZone", "status", "revision",
                ]),
            "Person": object(
                stamps.merging([
                    "organizationId": id, "displayName": text, "email": text,
                    "consent": .object(["type": "boolean", "description": "Administrators only."]),
                    "gender": .object(["type": "string", "description": "Self-described; administrators only."]),
                    "attributes": textMap,
                ]) { $1 }, required: ["id", "organizationId", "displayName", "email", "createdAt", "updatedAt"]),
            "Enrolment": object(
                stamps.merging(["seriesId": id, "personId": id, "enrolledAt": instant, "channel": text]) { $1 },
                required: ["id", "seriesId", "personId", "enrolledAt", "channel"]),
            "Attendance": object(
                stamps.merging([
                    "sessionId": id, "personId": id, "status": Paths.enumType(Attendance.Status.self),
                    "minutes": .object(["type": "integer", "minimum": 0, "maximum": 1440]),
                    "source": Paths.enumType(Attendance.Source.self),
                ]) { $1 }, required: ["id", "sessionId", "personId", "status", "minutes", "source"]),
            "ExerciseSubmission": object(
                stamps.merging(["sessionId": id, "personId": id, "submittedAt": instant, "link": text, "note": text]) {
                    $1
                },
                required: ["id", "sessionId", "personId", "submittedAt"]),
            "SeriesLeader": object(
                ["personId": id, "displayName": text, "role": leadingRole],
                required: ["personId", "displayName", "role"]),
            "SeriesLeaders": object(
                ["items": .object(["type": "array", "items": Paths.ref("SeriesLeader")])], required: ["items"]),
            "Health": object(["status": text], required: ["status"]),
            "AuditLine": object(
                [
                    "id": id, "occurredAt": instant, "actor": text,
                    "actorName": .object(["type": "string", "description": "The actor in plain words."]),
                    "action": text,
                    "actionText": .object(["type": "string", "description": "The action in plain words."]),
                    "subject": nullableText, "pluginId": nullableText,
                    "detail": .object(["type": "object", "description": "What changed: ids and field names only."]),
                ], required: ["id", "occurredAt", "actor", "actorName", "action", "actionText", "detail"]),
            "InstalledPlugin": object(
                ["id": text, "version": text, "dependencies": texts, "defaultSettings": settings],
                required: ["id", "version", "dependencies", "defaultSettings"]),
            "PluginEnablement": object(
                ["pluginId": text, "enabled": .object(["type": "boolean"]), "settings": settings],
                required: ["pluginId", "enabled", "settings"]),
            "Problem": object(
                [
                    "type": text, "title": text, "status": .object(["type": "integer"]), "detail": text,
                    "instance": text,
                    "errors": .object([
                        "type": "array",
                        "items": object(["field": text, "detail": text], required: ["field", "detail"]),
                    ]),
                ], required: ["type", "title", "status", "detail"]),
        ]
    }

    private static var inputs: [String: JSONValue] {
        let organization: [String: JSONValue] = [
            "name": text, "slug": text, "country": text, "timeZone": text, "website": nullableText,
            "defaultLanguage": language,
        ]
        let programme: [String: JSONValue] = ["slug": text, "title": text, "summary": text]
        let series: [String: JSONValue] = [
            "slug": text, "title": text, "summary": text, "objectives": texts,
            "status": Paths.enumType(WebinarSeries.Status.self), "timeZone": text,
        ]
        let session: [String: JSONValue] = [
            "slug": text, "title": text, "kind": Paths.enumType(Session.Kind.self), "startsAt": instant,
            "endsAt": instant, "timeZone": text, "joinURL": nullableText, "agenda": texts,
            "status": Paths.enumType(Session.Status.self), "description": sessionDescription,
        ]
        let person: [String: JSONValue] = [
            "displayName": text, "email": text, "consent": .object(["type": "boolean"]), "gender": nullableText,
            "attributes": textMap,
        ]
        return [
            "OrganizationCreate": input(
                organization.merging(["parentId": id]) { $1 },
                required: ["parentId", "name", "slug", "country", "timeZone"]),
            "OrganizationUpdate": input(organization),
            "ProgrammeCreate": input(
                programme.merging(["organizationId": id]) { $1 }, required: ["organizationId", "slug", "title"]),
            "ProgrammeUpdate": input(programme),
            "SeriesCreate": input(
                series.merging(["programmeId": id]) { $1 }, required: ["programmeId", "slug", "title", "timeZone"]),
            "SeriesUpdate": input(series),
            "SessionCreate": input(
                session.merging(["seriesId": id]) { $1 },
                required: ["seriesId", "slug", "title", "kind", "startsAt", "endsAt"]),
            "SessionUpdate": input(session),
            "PersonCreate": input(
                person.merging(["organizationId": id]) { $1 }, required: ["organizationId", "displayName", "email"]),
            "PersonUpdate": input(person),
            "EnrolmentCreate": input(
                ["seriesId": id, "personId": id, "channel": text, "enrolledAt": instant],
                required: ["seriesId", "personId", "channel"]),
            "AttendanceInput": input(
                [
                    "status": Paths.enumType(Attendance.Status.self),
                    "minutes": .object(["type": "integer", "minimum": 0, "maximum": 1440]),
                    "source": Paths.enumType(Attendance.Source.self),
                ], required: ["status"]),
            "SubmissionInput": input(["submittedAt": instant, "link": text, "note": text]),
            "SeriesClone": input(
                [
                    "slug": text, "title": text,
                    "startsOn": .object([
                        "type": "string", "format": "date",
                        "description": "The day of the first session (YYYY-MM-DD) in the series' zone.",
                    ]),
                    "withRoles": .object(["type": "boolean", "description": "Copy facilitators and guest speakers."]),
                ], required: ["slug", "startsOn"]),
            "PluginChange": input(["enabled": .object(["type": "boolean"]), "settings": settings]),
        ]
    }

    private static func object(_ properties: [String: JSONValue], required: [String]) -> JSONValue {
        .object(["type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) })])
    }

    private static func input(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        var schema: [String: JSONValue] = [
            "type": "object", "properties": .object(properties), "additionalProperties": false,
        ]
        if !required.isEmpty { schema["required"] = .array(required.map { .string($0) }) }
        return .object(schema)
    }
}
