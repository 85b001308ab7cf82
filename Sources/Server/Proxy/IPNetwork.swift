import Foundation

/// An IP network written in CIDR notation (`10.0.0.0/8`, `::1/128`, or a bare address for one host).
public struct IPNetwork: Sendable, Equatable, CustomStringConvertible {
    private let bytes: [UInt8]
    private let prefixLength: Int
    public let description: String

    /// Parses `text`; `nil` when it is not an IPv4 or IPv6 address with an optional `/prefix`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let bytes = IPNetwork.bytes(of: String(parts[0])) else { return nil }
        let length: Int
        if parts.count == 2 {
            guard let given = Int(parts[1]), (0...bytes.count * 8).contains(given) else { return nil }
            length = given
        } else {
            length = bytes.count * 8
        }
        self.bytes = bytes
        prefixLength = length
        description = text
    }

    /// Whether `address` (an IPv4 or IPv6 address, without port) lies in this network. An IPv4 address mapped into
    /// IPv6 (`::ffff:10.0.0.1`) is compared as IPv4.
    public func contains(_ address: String) -> Bool {
        guard let candidate = IPNetwork.bytes(of: address), candidate.count == bytes.count else { return false }
        var remaining = prefixLength
        for (mine, theirs) in zip(bytes, candidate) where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if mine & mask != theirs & mask { return false }
            remaining -= bits
        }
        return true
    }

    /// The address's bytes (4 for IPv4, 16 for IPv6; IPv4-mapped IPv6 addresses give 4), or `nil`.
    static func bytes(of address: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, address, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF { return Array(bytes[12...]) }
        return bytes
    }
}
