import Kernel

/// The paths of who leads a series and of cloning one.
enum SeriesStaffPaths {
    static var all: [String: JSONValue] {
        let leader = [
            Paths.pathId("id"),
            Paths.parameter("role", in: "path", schema: Schemas.leadingRole, required: true),
            Paths.pathId("personId"),
        ]
        return [
            "/api/v1/series/{id}/leaders": .object([
                "get": Paths.operation(
                    "The series' facilitators and guest speakers", tag: "series", parameters: [Paths.pathId("id")],
                    responses: [200: Paths.ref("SeriesLeaders")])
            ]),
            "/api/v1/series/{id}/leaders/{role}/{personId}": .object([
                "put": with(
                    Paths.operation(
                        "Make a person a facilitator or guest speaker of the series (administrators; audited)",
                        tag: "series", parameters: leader,
                        responses: [200: Paths.ref("SeriesLeader"), 201: Paths.ref("SeriesLeader")]),
                    problems: [403: "Visible but not allowed"]),
                "delete": with(
                    Paths.operation(
                        "Take the role away from the person (administrators; audited)", tag: "series",
                        parameters: leader, responses: [:]),
                    problems: [403: "Visible but not allowed"], noContent: true),
            ]),
            "/api/v1/series/{id}/clone": .object([
                "post": Paths.operation(
                    "Run the series again: a new draft series with its objectives, its sessions moved to a new start "
                        + "(local times kept), optionally its leaders; no participants (administrators; audited)",
                    tag: "series", parameters: [Paths.pathId("id")], body: "SeriesClone",
                    responses: [201: Paths.ref("WebinarSeries")], tagged: true)
            ]),
        ]
    }

    /// `operation` with further problem answers, and a `204` when it answers with no content.
    private static func with(_ operation: JSONValue, problems: [Int: String], noContent: Bool = false) -> JSONValue {
        guard case .object(var fields) = operation, case .object(var responses)? = fields["responses"] else {
            return operation
        }
        for (status, description) in problems {
            responses["\(status)"] = .object([
                "description": .string(description),
                "content": .object(["application/problem+json": .object(["schema": Paths.ref("Problem")])]),
            ])
        }
        if noContent { responses["204"] = .object(["description": "Removed"]) }
        fields["responses"] = .object(responses)
        return .object(fields)
    }
}
