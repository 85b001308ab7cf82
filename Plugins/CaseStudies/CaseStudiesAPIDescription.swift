public import Kernel

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
            "/studies/{study}": .object([
                "parameters": .array([study]),
                "get": operation(
                    "One case study, with its body as Markdown and as safe HTML, outcomes, links and the sessions "
                        + "where it was presented; \(audience)", "The study", isPublic: isPublic),
            ]),
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
