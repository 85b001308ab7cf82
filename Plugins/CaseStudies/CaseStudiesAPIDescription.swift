import Kernel
public import PluginKit

/// The OpenAPI description of the library's routes (see ``CaseStudyRoutes``).
extension CaseStudiesPlugin {
    public static var apiDescription: PluginAPIDescription {
        PluginAPIDescription(
            privatePaths: paths(public: false).merging(
                [
                    "/studies/{study}/versions": .object([
                        "parameters": .array([study]),
                        "get": operation(
                            "Every version of a case study, oldest first, each as its Markdown file",
                            "The versions", isPublic: false),
                    ])
                ], uniquingKeysWith: { first, _ in first }),
            publicPaths: paths(public: true))
    }

    private static func paths(public isPublic: Bool) -> [String: JSONValue] {
        let audience = isPublic ? "public studies whose people consented" : "the studies the caller may see"
        return [
            "/studies": .object([
                "get": operation(
                    "Search the network's case studies (with q: ranked by bm25, highlighted title and snippet in "
                        + "titleHTML and snippetHTML) or list them by title; \(audience)",
                    "Results in `items`", isPublic: isPublic,
                    parameters: [
                        query("q", "FTS5 query: words, AND, OR, \"phrases\", prefix*, title:word; accents ignored"),
                        query("topic", "Only studies with this topic"), query("sector", "Only this sector"),
                        query("country", "Only initiatives in this country (ISO 3166-1 alpha-2)"),
                        .object([
                            "name": "origin", "in": "query", "required": false,
                            "schema": .object(["type": "string", "enum": .array(["network", "outside"])]),
                        ]),
                        .object([
                            "name": "limit", "in": "query", "required": false,
                            "schema": .object(["type": "integer", "minimum": 1, "maximum": 200]),
                        ]),
                    ])
            ]),
            "/studies/{study}": .object(
                [
                    "parameters": .array([study]),
                    "get": operation(
                        "One case study, with its body as Markdown and as safe HTML, outcomes, links and the sessions "
                            + "where it was presented; \(audience). Its ETag names its version.", "The study",
                        isPublic: isPublic),
                ].merging(isPublic ? [:] : ["put": put]) { first, _ in first }),
            "/series/{series}/presented": .object([
                "parameters": .array([
                    .object([
                        "name": "series", "in": "path", "required": true,
                        "schema": .object(["type": "integer", "format": "int64", "minimum": 1]),
                    ])
                ]),
                "get": operation(
                    "The case studies presented in the sessions of a series (\"case study presented\"); \(audience)",
                    "Studies by session in `items`", isPublic: isPublic),
            ]),
        ]
    }

    /// `PUT studies/{slug}`: contribute or edit a study by sending its Markdown file.
    private static var put: JSONValue {
        .object([
            "summary": .string(
                "Contribute a case study, or edit one (with If-Match), by sending its Markdown file with YAML front "
                    + "matter; checked as `indaba case-studies import` checks a file, and every change is a new version"
            ),
            "tags": .array(["case-studies"]),
            "parameters": .array([
                .object([
                    "name": "If-Match", "in": "header", "required": false,
                    "description": "The ETag last read; required to change an existing study.",
                    "schema": .object(["type": "string"]),
                ])
            ]),
            "requestBody": .object([
                "required": true,
                "content": .object(["text/markdown": .object(["schema": .object(["type": "string"])])]),
            ]),
            "responses": .object([
                "200": .object([
                    "description": "Changed (or unchanged); the study, with its new ETag",
                    "content": .object(["application/json": .object(["schema": .object(["type": "object"])])]),
                ]),
                "201": .object([
                    "description": "Created; the study, with its ETag",
                    "content": .object(["application/json": .object(["schema": .object(["type": "object"])])]),
                ]),
                "400": problem("Not UTF-8, or an unknown query parameter"),
                "401": problem("Missing or invalid token"),
                "403": problem("The study belongs to an organization the caller does not administer"),
                "404": problem("Unknown organization, not visible, or the plugin is not enabled"),
                "409": problem("The slug is taken by a study the caller may not see"),
                "412": problem("If-Match names an older version"),
                "413": problem("Body too large"),
                "422": problem("The file is invalid: every problem as body:line: field: what is wrong"),
                "428": problem("If-Match is missing for an existing study"),
            ]),
        ])
    }

    private static var study: JSONValue {
        .object([
            "name": "study", "in": "path", "required": true, "description": "The study's id or slug.",
            "schema": .object(["type": "string"]),
        ])
    }

    private static func query(_ name: String, _ description: String) -> JSONValue {
        .object([
            "name": .string(name), "in": "query", "required": false, "description": .string(description),
            "schema": .object(["type": "string"]),
        ])
    }

    private static func operation(
        _ summary: String, _ answer: String, isPublic: Bool, parameters: [JSONValue] = []
    ) -> JSONValue {
        var responses: [String: JSONValue] = [
            "200": .object([
                "description": .string(answer),
                "content": .object(["application/json": .object(["schema": .object(["type": "object"])])]),
            ]),
            "400": problem("An unknown query parameter or a bad value"),
            "404": problem("Unknown or not visible, or the plugin is not enabled"),
        ]
        if !isPublic { responses["401"] = problem("Missing or invalid token") }
        var item: [String: JSONValue] = [
            "summary": .string(summary), "tags": .array(["case-studies"]), "responses": .object(responses),
        ]
        if isPublic { item["security"] = .array([.object([:])]) }
        if !parameters.isEmpty { item["parameters"] = .array(parameters) }
        return .object(item)
    }

    private static func problem(_ description: String) -> JSONValue {
        .object([
            "description": .string(description),
            "content": .object(["application/problem+json": .object(["schema": .object(["type": "object"])])]),
        ])
    }
}
