import Crypto
import Foundation
import Kernel

/// Signed form tokens: CSRF protection (double submit, bound to a cookie) and the time a form was served.
///
/// A form carries `issued.nonce.mac`; the browser holds `nonce` in an HttpOnly, SameSite=Lax cookie. A POST is
/// accepted only when the MAC (HMAC-SHA256 under a key made at start-up) is right, the nonce matches the cookie, the
/// purpose matches the form, and the token is neither too young (robots) nor too old. A restart invalidates forms.
struct FormTokens: Sendable {
    /// Why a form was refused.
    enum Refusal: Error, Equatable {
        case missingCookie, forged, expired, tooFast
    }

    // The key's bytes: `SymmetricKey` is not `Sendable`.
    private let key: [UInt8]

    init() {
        key = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    /// A new nonce for the form cookie.
    static func newNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return Digest.hex((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// A token for a form with `purpose` (such as `enrol:4`), served at `now` to the browser holding `nonce`.
    func issue(purpose: String, nonce: String, at now: Date) -> String {
        let issued = String(Int64(now.timeIntervalSince1970))
        return "\(issued).\(nonce).\(mac(issued: issued, nonce: nonce, purpose: purpose))"
    }

    /// Checks a token sent back at `now`.
    func check(
        _ token: String, purpose: String, cookieNonce: String?, at now: Date, minimumAge: TimeInterval,
        maximumAge: TimeInterval
    ) throws(Refusal) {
        guard let cookieNonce, !cookieNonce.isEmpty else { throw .missingCookie }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let issued = Int64(parts[0]), parts[1] == cookieNonce,
            constantTimeEqual(parts[2], mac(issued: parts[0], nonce: parts[1], purpose: purpose))
        else { throw .forged }
        let age = now.timeIntervalSince1970 - Double(issued)
        guard age <= maximumAge else { throw .expired }
        guard age >= minimumAge else { throw .tooFast }
    }

    private func mac(issued: String, nonce: String, purpose: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(
            for: Data("\(issued).\(nonce).\(purpose)".utf8), using: SymmetricKey(data: key))
        return Digest.hex(Array(code))
    }
}

/// Compares two strings in time that depends only on their length, so a MAC cannot be guessed byte by byte.
func constantTimeEqual(_ left: String, _ right: String) -> Bool {
    let (a, b) = (Array(left.utf8), Array(right.utf8))
    guard a.count == b.count else { return false }
    return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
}
