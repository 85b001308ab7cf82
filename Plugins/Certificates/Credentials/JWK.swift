import Crypto
import Foundation
import Kernel

/// JSON Web Keys (RFC 7517) for P-256 public keys, and base64url.
enum JWK {
    /// The public key as a JWK with its `kid`, for the published key set.
    static func object(_ key: P256.Signing.PublicKey, kid: String) -> JSONValue {
        let (x, y) = coordinates(key)
        return .object([
            "kty": "EC", "crv": "P-256", "x": .string(x), "y": .string(y), "kid": .string(kid), "use": "sig",
            "alg": "ES256",
        ])
    }

    /// The RFC 7638 thumbprint: base64url SHA-256 of the required members in lexical order.
    static func thumbprint(of key: P256.Signing.PublicKey) -> String {
        let (x, y) = coordinates(key)
        let members = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"\(x)\",\"y\":\"\(y)\"}"
        return base64URL(Data(SHA256.hash(data: Data(members.utf8))))
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

    private static func coordinates(_ key: P256.Signing.PublicKey) -> (String, String) {
        let point = key.x963Representation  // 0x04 || X || Y
        return (base64URL(point.subdata(in: 1..<33)), base64URL(point.subdata(in: 33..<65)))
    }
}
