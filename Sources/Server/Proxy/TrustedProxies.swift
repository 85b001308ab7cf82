import Foundation
public import HTTPTypes

/// The reverse proxies whose word about the client's address is believed (`indaba serve --trusted-proxy CIDR…`).
///
/// A request from any other peer is that peer's own: its `Forwarded` and `X-Forwarded-For` headers are ignored, so
/// a client cannot pick the address its rate limits count against. From a trusted peer, the client is the last
/// address in the chain that is not itself a trusted proxy (RFC 7239 §5.2 `for=`, or else `X-Forwarded-For`).
public struct TrustedProxies: Sendable, Equatable {
    public let networks: [IPNetwork]

    public init(_ networks: [IPNetwork] = []) {
        self.networks = networks
    }

    /// Whether `address` is one of the trusted proxies.
    public func trusts(_ address: String) -> Bool {
        networks.contains { $0.contains(address) }
    }

    /// The client's address for a request that came from `peer` with `headers`.
    public func client(peer: String?, headers: HTTPFields) -> String? {
        guard let peer, trusts(peer) else { return peer }
        let chain = Self.forwardedFor(headers) ?? Self.xForwardedFor(headers)
        guard !chain.isEmpty else { return peer }
        for hop in chain.reversed() where !trusts(hop) { return hop }
        return chain.first
    }

    /// The `for=` values of every `Forwarded` header, in order; `nil` when there is no such header.
    static func forwardedFor(_ headers: HTTPFields) -> [String]? {
        let values = headers[values: HTTPField.Name("Forwarded")!]
        guard !values.isEmpty else { return nil }
        var chain: [String] = []
        for element in values.flatMap({ $0.split(separator: ",") }) {
            for pair in element.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, parts[0].lowercased() == "for" else { continue }
                chain.append(node(parts[1]))
            }
        }
        return chain
    }

    /// The addresses of every `X-Forwarded-For` header, in order.
    static func xForwardedFor(_ headers: HTTPFields) -> [String] {
        headers[values: HTTPField.Name("X-Forwarded-For")!].flatMap { $0.split(separator: ",") }
            .map { node($0.trimmingCharacters(in: .whitespaces)) }.filter { !$0.isEmpty }
    }

    /// A node without quotes, brackets or port: `"[2001:db8::1]:4711"` → `2001:db8::1`, `192.0.2.1:80` →
    /// `192.0.2.1`. Obfuscated identifiers and `unknown` are kept as they are (they still name one client).
    static func node(_ text: String) -> String {
        var value = text.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        if value.hasPrefix("["), let end = value.firstIndex(of: "]") {
            return String(value[value.index(after: value.startIndex)..<end])
        }
        if value.filter({ $0 == ":" }).count == 1, let colon = value.firstIndex(of: ":") {
            value = String(value[..<colon])
        }
        return value
    }
}
