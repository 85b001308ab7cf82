import Foundation
public import Hummingbird
import PluginKit

/// An RFC 9457 problem: the body of every 4xx and 5xx answer, as `application/problem+json`.
public struct Problem: Error, HTTPResponseError, Sendable {
    /// One field that was wrong, named by its JSON path (`startsAt`, `settings.label`) or query parameter.
    public struct FieldProblem: Codable, Sendable, Equatable {
        public let field: String
        public let detail: String
    }

    public let status: HTTPResponse.Status
    public let title: String
    public let detail: String
    public let errors: [FieldProblem]
    /// Extra headers, such as `Allow` on a 405.
    public let headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status, _ detail: String, errors: [FieldProblem] = [], headers: HTTPFields = [:]
    ) {
        self.status = status
        title = status.reasonPhrase
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    /// A 422 naming the fields that are wrong.
    public static func invalid(_ errors: [FieldProblem]) -> Problem {
        Problem(
            .unprocessableContent,
            errors.count == 1 ? "\(errors[0].field): \(errors[0].detail)" : "\(errors.count) fields are invalid.",
            errors: errors)
    }

    /// A 422 about one field.
    public static func invalid(_ field: String, _ detail: String) -> Problem {
        invalid([FieldProblem(field: field, detail: detail)])
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(
            type: "about:blank", title: title, status: Int(status.code), detail: detail,
            instance: request.uri.path, errors: errors.isEmpty ? nil : errors)
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        if status == .unauthorized { headers[.wwwAuthenticate] = #"Bearer realm="indaba""# }
        return Response(
            status: status, headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder.stable().encode(body))))
    }

    private struct Body: Encodable {
        let type: String
        let title: String
        let status: Int
        let detail: String
        let instance: String
        let errors: [FieldProblem]?
    }
}
