import Foundation
public import Hummingbird
public import Kernel
import PluginKit

/// An RFC 9457 problem: the body of every 4xx and 5xx answer, as `application/problem+json`.
///
/// Its `title` and, where the problem was written with a ``Kernel/Localizer`` (``init(_:errors:headers:wording:)``),
/// its `detail` are in the language the client's `Accept-Language` prefers among those Indaba ships (English
/// otherwise), named by `Content-Language`. So are field-level details written with a localizer
/// (``FieldProblem/init(field:wording:)``), such as those the kernel's field rules find
/// (``FieldProblem/init(field:problem:)``).
public struct Problem: Error, HTTPResponseError, Sendable {
    /// One field that was wrong, named by its JSON path (`startsAt`, `settings.label`) or query parameter.
    public struct FieldProblem: Codable, Sendable, Equatable {
        public let field: String
        /// What is wrong, in English.
        public let detail: String
        /// The detail in another language, when the problem was written with a localizer.
        private var wording: (@Sendable (Localizer) -> String)? = nil

        private enum CodingKeys: String, CodingKey { case field, detail }

        public init(field: String, detail: String) {
            self.field = field
            self.detail = detail
        }

        /// A problem one of the kernel's field rules found: its English fragment, worded in the client's language.
        public init(field: String, problem: Kernel.FieldProblem) {
            self.init(field: field) { problem.detail($0) }
        }

        /// A problem worded in the client's language: `wording` is given the localizer of that language (English
        /// for ``detail``).
        public init(field: String, wording: @escaping @Sendable (Localizer) -> String) {
            self.field = field
            detail = wording(.english)
            self.wording = wording
        }

        /// This problem with its detail in `t`'s language.
        func worded(_ t: Localizer) -> FieldProblem {
            FieldProblem(field: field, detail: wording?(t) ?? detail)
        }

        public static func == (left: FieldProblem, right: FieldProblem) -> Bool {
            left.field == right.field && left.detail == right.detail
        }
    }

    public let status: HTTPResponse.Status
    public let title: String
    public let detail: String
    public let errors: [FieldProblem]
    /// Extra headers, such as `Allow` on a 405.
    public let headers: HTTPFields
    /// The detail in another language, when the problem was written with a localizer.
    private let wording: (@Sendable (Localizer) -> String)?

    public init(
        _ status: HTTPResponse.Status, _ detail: String, errors: [FieldProblem] = [], headers: HTTPFields = [:]
    ) {
        self.status = status
        title = status.reasonPhrase
        self.detail = detail
        self.errors = errors
        self.headers = headers
        wording = nil
    }

    /// A problem whose detail is worded in the client's language: `wording` is given the localizer of that
    /// language (English for ``detail``).
    public init(
        _ status: HTTPResponse.Status, errors: [FieldProblem] = [], headers: HTTPFields = [:],
        wording: @escaping @Sendable (Localizer) -> String
    ) {
        self.status = status
        title = status.reasonPhrase
        detail = wording(.english)
        self.errors = errors
        self.headers = headers
        self.wording = wording
    }

    /// A 422 naming the fields that are wrong.
    public static func invalid(_ errors: [FieldProblem]) -> Problem {
        if errors.count == 1 {
            let error = errors[0]
            return Problem(.unprocessableContent, errors: errors) { t in "\(error.field): \(error.worded(t).detail)" }
        }
        return Problem(.unprocessableContent, errors: errors) { t in
            t.plural("{count} field is invalid.", "{count} fields are invalid.", count: errors.count)
        }
    }

    /// A 400 naming the query parameters that are wrong.
    public static func invalidQuery(_ errors: [FieldProblem]) -> Problem {
        Problem(.badRequest, errors: errors) { t in t("The query string is invalid.") }
    }

    /// A 422 about one field, its detail worded in the client's language.
    public static func invalid(_ field: String, wording: @escaping @Sendable (Localizer) -> String) -> Problem {
        invalid([FieldProblem(field: field, wording: wording)])
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try response(from: request, context: context, translations: ServerCatalogues.translations)
    }

    /// The answer, worded from `translations` in the language the client's `Accept-Language` prefers.
    func response(from request: Request, context: some RequestContext, translations: Translations) throws -> Response {
        let language = AcceptLanguage.preferred(request.headers[.acceptLanguage]) ?? .english
        let t = translations.localizer(for: language)
        let body = Body(
            type: "about:blank", title: ProblemTitles.title(of: status, t) ?? title, status: Int(status.code),
            detail: wording?(t) ?? detail, instance: request.uri.path,
            errors: errors.isEmpty ? nil : errors.map { $0.worded(t) })
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        headers[.contentLanguage] = language.code
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
