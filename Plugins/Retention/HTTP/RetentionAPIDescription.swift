import Foundation
import Kernel
import PluginKit

/// The OpenAPI description of the retention routes (see ``RetentionRoutes``).
enum RetentionAPIDescription {
    static var description: PluginAPIDescription {
        PluginAPIDescription(privatePaths: [
            "/attendance/import": path(
                "post", "Record a session's attendance from a Zoom, Teams or Meet export (the request body)",
                parameters: [
                    query("session", "integer", required: true), query("format", "string"),
                    query("timezone", "string"), query("dryRun", "boolean"), query("anyDate", "boolean"),
                    query("confirmAbsent", "boolean"),
                ],
                responses: [
                    "200": "What was (or, in a dry run, would be) recorded",
                    "409": "The file would set people an earlier import recorded back to absent: confirmAbsent=true",
                    "415": "The export was sent as a form upload, not as the request body itself",
                    "422": "The file cannot be read, has no rows, or its times do not overlap the session",
                ]),
            "/attendance/unmatched": path(
                "get", "Export rows no person was found for (the review queue)", parameters: [query("all", "boolean")],
                responses: ["200": "The open items (all with all=true)"], schema: "array"),
            "/attendance/unmatched/{item}": path(
                "post", "Link an item to a person, create a person for it, or ignore it",
                parameters: [pathParameter("item")], responses: ["200": "The resolved item"]),
            "/series/{series}/report": path(
                "get", "A series' funnel, breakdowns with small groups hidden, and targets",
                parameters: [pathParameter("series")], responses: ["200": "The report"]),
            "/series/{series}/report.csv": path(
                "get", "The funnel with gender groups as CSV", parameters: [pathParameter("series")],
                responses: ["200": "CSV (UTF-8 with BOM)"], type: "text/csv"),
            "/series/{series}/funnel.svg": path(
                "get", "The funnel chart", parameters: [pathParameter("series")], responses: ["200": "SVG"],
                type: "image/svg+xml"),
            "/series/{series}/followup": path(
                "get", "Participants who missed the last session held", parameters: [pathParameter("series")],
                responses: ["200": "The follow-up list"]),
            "/series/{series}/followup.csv": path(
                "get", "The follow-up list as CSV", parameters: [pathParameter("series")],
                responses: ["200": "CSV (UTF-8 with BOM)"], type: "text/csv"),
            "/series/{series}/targets/{metric}": .object([
                "parameters": .array([pathParameter("series"), pathParameter("metric", type: "string")]),
                "put": operation(
                    "Set a target (body {\"minimumPercent\": 50})", responses: ["204": "Set"]),
                "delete": operation("Remove a target", responses: ["204": "Removed"]),
            ]),
            "/funnel": path(
                "get", "The funnel by gender across the organization's (and a network's members') series",
                parameters: [], responses: ["200": "Stages with hidden small groups"]),
            "/programmes/{programme}/retention": path(
                "get", "How many participants of each series enrolled in the next",
                parameters: [pathParameter("programme")],
                responses: ["200": "Transitions between consecutive series"]),
        ])
    }

    private static func path(
        _ method: String, _ summary: String, parameters: [JSONValue], responses: [String: String],
        type: String = "application/json", schema: String = "object"
    ) -> JSONValue {
        .object([
            "parameters": .array(parameters),
            method: operation(summary, responses: responses, type: type, schema: schema),
        ])
    }

    private static func operation(
        _ summary: String, responses: [String: String], type: String = "application/json", schema: String = "object"
    ) -> JSONValue {
        var all: [String: JSONValue] = [
            "401": problem("Missing or invalid token"),
            "403": problem("Not allowed for this caller"),
            "404": problem("Unknown or invisible, or the plugin is not enabled"),
        ]
        for (status, description) in responses {
            all[status] =
                status.hasPrefix("2") && status != "204"
                ? .object([
                    "description": .string(description),
                    "content": .object([
                        type: .object([
                            "schema": .object([
                                "type": .string(type.hasPrefix("application/json") ? schema : "string")
                            ])
                        ])
                    ]),
                ])
                : status == "204" ? .object(["description": .string(description)]) : problem(description)
        }
        return .object(["summary": .string(summary), "tags": .array(["retention"]), "responses": .object(all)])
    }

    private static func query(_ name: String, _ type: String, required: Bool = false) -> JSONValue {
        .object([
            "name": .string(name), "in": "query", "required": .bool(required),
            "schema": .object(["type": .string(type)]),
        ])
    }

    private static func pathParameter(_ name: String, type: String = "integer") -> JSONValue {
        .object(["name": .string(name), "in": "path", "required": true, "schema": .object(["type": .string(type)])])
    }

    private static func problem(_ description: String) -> JSONValue {
        .object([
            "description": .string(description),
            "content": .object(["application/problem+json": .object(["schema": .object(["type": "object"])])]),
        ])
    }
}
