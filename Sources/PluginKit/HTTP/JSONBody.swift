public import Foundation
public import Hummingbird
public import Kernel
import NIOCore

/// Reads JSON request bodies strictly, for the kernel's API and plugin routes alike: a size cap (413 above it), at
/// most ``maximumDepth`` levels of nesting and no key twice in one object (400), checked before anything is decoded.
public enum JSONBody {
    /// Deeper nesting than this is refused before decoding (no legitimate body comes close).
    public static let maximumDepth = 16

    /// The body's top-level object, read through at most `limit` bytes.
    /// - Throws: `HTTPError` 413 when the body is larger, 400 when it is not one well-formed JSON object.
    public static func object(_ request: Request, limit: Int) async throws -> [String: JSONValue] {
        let bytes = try await bytes(request, limit: limit)
        if let problem = structureProblem(of: bytes) { throw HTTPError(.badRequest, message: problem) }
        guard case let .object(object)? = try? JSONDecoder().decode(JSONValue.self, from: bytes) else {
            throw HTTPError(.badRequest, message: "The body must be one JSON object such as {\"field\": \"…\"}.")
        }
        return object
    }

    /// The body's bytes, at most `limit` of them.
    /// - Throws: `HTTPError` 413 when the body is larger.
    public static func bytes(_ request: Request, limit: Int) async throws -> Data {
        do {
            return Data(try await request.body.collect(upTo: limit).readableBytesView)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge, message: "The body is larger than \(limit) bytes.")
        }
    }

    /// What makes `bytes` unacceptable before decoding (too deep, a key given twice), or `nil`. Malformed JSON is
    /// left to the decoder, which says where it is wrong.
    public static func structureProblem(of bytes: Data) -> String? {
        var containers: [(keys: Set<String>?, expectingKey: Bool)] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                var end = index + 1
                var escaped = false
                while end < bytes.endIndex, bytes[end] != UInt8(ascii: "\"") {
                    if bytes[end] == UInt8(ascii: "\\") {
                        escaped = true
                        end += 1
                    }
                    end += 1
                }
                guard end < bytes.endIndex else { return nil }
                if let last = containers.indices.last, containers[last].expectingKey {
                    let key = name(bytes[index...end], escaped: escaped)
                    guard containers[last].keys?.insert(key).inserted ?? true else {
                        return "The JSON body names the field '\(key.prefix(64))' twice in one object; send it once."
                    }
                    containers[last].expectingKey = false
                }
                index = end
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                containers.append((bytes[index] == UInt8(ascii: "{") ? [] : nil, bytes[index] == UInt8(ascii: "{")))
                if containers.count > maximumDepth {
                    return "The JSON body is nested more than \(maximumDepth) levels deep."
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = containers.popLast()
            case UInt8(ascii: ","):
                if let last = containers.indices.last, containers[last].keys != nil {
                    containers[last].expectingKey = true
                }
            default: break
            }
            index += 1
        }
        return nil
    }

    /// A key as JSON means it (escapes resolved, so `"a"` and `"\u0061"` are the same key).
    private static func name(_ literal: Data, escaped: Bool) -> String {
        if escaped,
            let text = try? JSONSerialization.jsonObject(with: literal, options: .fragmentsAllowed) as? String
        {
            return text
        }
        return String(decoding: literal.dropFirst().dropLast(), as: UTF8.self)
    }
}
