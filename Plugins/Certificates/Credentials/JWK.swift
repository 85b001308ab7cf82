import Crypto
import Foundation
import Kernel
import _CryptoExtras

/// JSON Web Keys (RFC 7517) for RSA and P-256 public keys, their RFC 7638 thumbprints, and base64url.
enum JWK {
    /// The required members of an RSA public key: `kty`, `n`, `e`.
    static func members(_ key: _RSA.Signing.PublicKey) throws -> [String: String] {
        let primitives = try key.getKeyPrimitives()
        return ["kty": "RSA", "n": base64URL(primitives.modulus), "e": base64URL(primitives.publicExponent)]
    }

    /// The required members of a P-256 public key: `kty`, `crv`, `x`, `y`.
    static func members(_ key: P256.Signing.PublicKey) -> [String: String] {
        let point = key.x963Representation  // 0x04 || X || Y
        return [
            "kty": "EC", "crv": "P-256", "x": base64URL(point.subdata(in: 1..<33)),
            "y": base64URL(point.subdata(in: 33..<65)),
        ]
    }

    /// The published JWK: the required members plus `kid`, `use` and `alg`.
    static func object(_ key: KeyStore.PublicKey, kid: String) -> JSONValue {
        var object = key.jwk.mapValues { JSONValue.string($0) }
        object["kid"] = .string(kid)
        object["use"] = "sig"
        object["alg"] = .string(key.algorithm.rawValue)
        return .object(object)
    }

    /// The RFC 7638 thumbprint: base64url SHA-256 of the required members in lexical order, without spaces.
    static func thumbprint(_ members: [String: String]) -> String {
        let json = members.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ",")
        return base64URL(Data(SHA256.hash(data: Data("{\(json)}".utf8))))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func fromBase64URL(_ text: some StringProtocol) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
