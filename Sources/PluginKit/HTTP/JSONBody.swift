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
    /// - Throws: ``PluginProblem`` 413 when the body is larger, 400 when it is not one well-formed JSON object.
    public static func object(_ request: Request, limit: Int) async throws -> [String: JSONValue] {
        let bytes = try await bytes(request, limit: limit)
        if let problem = structureProblem(of: bytes) {
            throw PluginProblem(.badRequest, wording: { problem.worded($0) })
        }
        guard case let .object(object)? = try? JSONDecoder().decode(JSONValue.self, from: bytes) else {
            throw PluginProblem(.badRequest) { t in
                t("The body must be one JSON object such as {example}.", ["example": #"{"field": "…"}"#])
            }
        }
        return object
    }

    /// The body's bytes, at most `limit` of them.
    /// - Throws: ``PluginProblem`` 413 when the body is larger.
    public static func bytes(_ request: Request, limit: Int) async throws -> Data {
        do {
            return Data(try await request.body.collect(upTo: limit).readableBytesView)
        } catch is NIOTooManyBytesError {
            throw PluginProblem(.contentTooLarge) { t in
                t("The body is larger than {limit} bytes.", ["limit": t.number(limit)])
            }
        }
    }

    /// What makes `bytes` unacceptable before decoding (too deep, a key given twice), or `nil`. Malformed JSON is
    /// left to the decoder, which says where it is wrong.
    public static func structureProblem(of bytes: Data) -> StructureProblem? {
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
                        return .repeatedField(String(key.prefix(64)))
                    }
                    containers[last].expectingKey = false
                }
                index = end
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                containers.append((bytes[index] == UInt8(ascii: "{") ? [] : nil, bytes[index] == UInt8(ascii: "{")))
                if containers.count > maximumDepth {
                    return .tooDeep(maximumDepth)
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

extension JSONBody {
    /// What makes a JSON body unacceptable before it is decoded.
    public enum StructureProblem: Sendable, Equatable, CustomStringConvertible {
        /// An object names the field twice (its name, cut to 64 characters).
        case repeatedField(String)
        /// Nested more than this many levels deep.
        case tooDeep(Int)

        /// The problem in English.
        public var description: String { worded(.english) }

        /// The problem in `t`'s language.
        public func worded(_ t: Localizer) -> String {
            switch self {
            case let .repeatedField(name):
                t("The JSON body names the field '{field}' twice in one object; send it once.", ["field": name])
            case let .tooDeep(levels):
                t("The JSON body is nested more than {levels} levels deep.", ["levels": t.number(levels)])
            }
        }
    }
}
