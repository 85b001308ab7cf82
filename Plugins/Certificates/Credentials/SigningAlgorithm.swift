/// The JOSE algorithms credentials are signed with: RS256 (RSA PKCS #1 v1.5 with SHA-256, 2048-bit keys), which
/// Open Badges 3.0 §8.2 names as the one every verifier supports, and ES256 (ECDSA P-256 with SHA-256).
enum SigningAlgorithm: String, CaseIterable, Sendable {
    case rs256 = "RS256"
    case es256 = "ES256"

    /// The key file's extension: `<kid>.rsa` (PKCS #8 DER) or `<kid>.p256` (the raw P-256 scalar).
    var fileExtension: String {
        switch self {
        case .rs256: "rsa"
        case .es256: "p256"
        }
    }

    /// The file naming the key that signs new credentials with this algorithm (`current` predates RS256).
    var currentFile: String {
        switch self {
        case .rs256: "current-rs256"
        case .es256: "current"
        }
    }
}
