import Kernel
public import PluginKit

/// The OpenAPI description of the feed routes (see ``FeedRoutes``).
extension FeedsPlugin {
    public static var apiDescription: PluginAPIDescription {
        PluginAPIDescription(
            privatePaths: [
                "/personal/{person}": .object([
                    "parameters": .array([
                        .object([
                            "name": "person", "in": "path", "required": true,
                            "schema": .object(["type": "integer", "format": "int64", "minimum": 1]),
                        ])
                    ]),
                    "post": .object([
                        "summary": "Give a person a new private calendar address; the old one stops working",
                        "tags": .array(["feeds"]),
                        "responses": .object([
                            "201": .object([
                                "description": "The new addresses, in every format (shown once)",
                                "content": .object([
                                    "application/json": .object(["schema": .object(["type": "object"])])
                                ]),
                            ]),
                            "401": problem("Missing or invalid token"),
                            "403": problem("Not an administrator, nor the person themselves"),
                            "404": problem("Unknown or invisible person, or feeds not enabled"),
                        ]),
                    ]),
                    "delete": .object([
                        "summary": "Revoke a person's private calendar; its address answers 404 from now on",
                        "tags": .array(["feeds"]),
                        "responses": .object([
                            "204": .object(["description": "Revoked"]),
                            "401": problem("Missing or invalid token"),
                            "403": problem("Not an administrator, nor the person themselves"),
                            "404": problem("Unknown or invisible person, or no personal feed"),
                        ]),
                    ]),
                ]),
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
                ]),
            ],
            publicPaths: publicPaths)
    }

    /// Every format of the organization's, the network's and each series' feed.
    private static var publicPaths: [String: JSONValue] {
        let series: JSONValue = .object([
            "name": "series", "in": "path", "required": true,
            "schema": .object(["type": "integer", "format": "int64", "minimum": 1]),
        ])
        let token: JSONValue = .object([
            "name": "token", "in": "path", "required": true, "description": "The person's secret feed token.",
            "schema": .object(["type": "string"]),
        ])
        var paths: [String: JSONValue] = [:]
        for format in FeedFormat.allCases {
            paths["/organization/\(format.fileName)"] = feed(
                "The organization's \(format.displayName): every non-draft series", format)
            paths["/network/\(format.fileName)"] = feed(
                "The network's \(format.displayName): every non-draft series of the network and its members", format)
            paths["/series/{series}/\(format.fileName)"] = feed(
                "One series' \(format.displayName)", format, parameters: [series])
            paths["/personal/{token}/\(format.fileName)"] = feed(
                "A person's private \(format.displayName): the series they take part in, with join links", format,
                parameters: [token])
        }
        return paths
    }

    private static func feed(_ summary: String, _ format: FeedFormat, parameters: [JSONValue] = []) -> JSONValue {
        var item: [String: JSONValue] = [
            "get": operation(summary, format), "head": operation(summary + " (headers only)", format),
        ]
        if !parameters.isEmpty { item["parameters"] = .array(parameters) }
        return .object(item)
    }

    private static func operation(_ summary: String, _ format: FeedFormat) -> JSONValue {
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
                    "description": .string("\(format.displayName), with a strong ETag and Last-Modified"),
                    "content": .object([
                        .init(format.contentType.prefix { $0 != ";" }): .object(["schema": .object(["type": "string"])])
                    ]),
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
