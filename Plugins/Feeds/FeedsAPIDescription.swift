public import Kernel

/// The OpenAPI description of the feed routes (see ``FeedRoutes``).
extension FeedsPlugin {
    public static var apiDescription: PluginAPIDescription {
        PluginAPIDescription(
            privatePaths: [
                "/urls": .object([
                    "get": .object([
                        "summary": "Subscribe links (https and webcal) of the organization's feeds",
                        "tags": .array(["feeds"]),
                        "responses": .object([
                            "200": .object([
                                "description": "The organization's, the network's and each series' feed",
                                "content": .object([
                                    "application/json": .object(["schema": .object(["type": "object"])])
                                ]),
                            ]),
                            "401": problem("Missing or invalid token"),
                            "404": problem("Unknown organization, not visible, or feeds not enabled"),
                        ]),
                    ])
                ])
            ],
            publicPaths: [
                "/calendar.ics": feed("The organization's calendar: every non-draft series"),
                "/network.ics": feed("The network's calendar: every non-draft series of the network and its members"),
                "/series/{series}/calendar.ics": feed(
                    "One series' calendar",
                    parameters: [
                        .object([
                            "name": "series", "in": "path", "required": true,
                            "schema": .object(["type": "integer", "format": "int64", "minimum": 1]),
                        ])
                    ]),
            ])
    }

    private static func feed(_ summary: String, parameters: [JSONValue] = []) -> JSONValue {
        var item: [String: JSONValue] = ["get": operation(summary), "head": operation(summary + " (headers only)")]
        if !parameters.isEmpty { item["parameters"] = .array(parameters) }
        return .object(item)
    }

    private static func operation(_ summary: String) -> JSONValue {
        let conditional: [JSONValue] = [
            header("If-None-Match", "ETags from earlier answers (lists, W/ and * accepted)"),
            header("If-Modified-Since", "An HTTP date"),
            header("Accept-Encoding", "gzip is served when accepted"),
        ]
        return .object([
            "summary": .string(summary), "tags": .array(["feeds"]), "security": .array([.object([:])]),
            "parameters": .array(conditional),
            "responses": .object([
                "200": .object([
                    "description": "iCalendar (RFC 5545, RFC 7986), with a strong ETag and Last-Modified",
                    "content": .object(["text/calendar": .object(["schema": .object(["type": "string"])])]),
                ]),
                "304": .object(["description": "Not modified since the validators sent"]),
                "404": problem("No such feed: unknown, draft, or the plugin is not enabled"),
            ]),
        ])
    }

    private static func header(_ name: String, _ description: String) -> JSONValue {
        .object([
            "name": .string(name), "in": "header", "required": false, "description": .string(description),
            "schema": .object(["type": "string"]),
        ])
    }

    private static func problem(_ description: String) -> JSONValue {
        .object([
            "description": .string(description),
            "content": .object(["application/problem+json": .object(["schema": .object(["type": "object"])])]),
        ])
    }
}
