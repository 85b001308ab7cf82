import Foundation
import Hummingbird
import NIOCore

/// The fields of an `application/x-www-form-urlencoded` body.
struct FormData: Sendable {
    private let fields: [String: String]

    init(fields: [String: String]) {
        self.fields = fields
    }

    /// Reads a form body of at most 64 KiB (forms here are small).
    static func read(_ request: Request, context: some RequestContext) async throws -> FormData {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: 64 * 1024)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge)
        }
        return FormData(urlEncoded: String(buffer: buffer))
    }

    init(urlEncoded body: String) {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            if fields[name] == nil { fields[name] = value }
        }
        self.fields = fields
    }

    /// A field's value, trimmed; empty when absent.
    subscript(_ name: String) -> String {
        (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every field as sent (untrimmed).
    var all: [String: String] { fields }

    /// Whether a checkbox was ticked.
    func isChecked(_ name: String) -> Bool {
        fields[name] != nil
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
