import Crypto
import Foundation
import Synchronization
import _CryptoExtras

#if canImport(Glibc)
    import Glibc
#endif

/// The organizations' signing keys, kept in files outside the database: a database dump or backup never holds
/// them, and a stolen dump cannot forge credentials.
///
/// Layout: `<directory>/org-<id>/<kid>.rsa` (an RS256 key, PKCS #8 DER) or `<kid>.p256` (an ES256 key, the raw
/// P-256 scalar), mode 0600; `current-rs256` and `current` name the key that signs new credentials with each
/// algorithm. The directory is `<database>.keys/` beside the database file. A key is made the first time an
/// organization signs with its algorithm; ``rotate(for:algorithm:)`` makes a new current key and keeps the old
/// ones, so credentials signed earlier still verify against the published keys. A kid is the key's RFC 7638
/// thumbprint; credentials name the key by the URL it is served at, which ends in it.
final class KeyStore: Sendable {
    struct SigningKey: Sendable {
        let kid: String
        let algorithm: SigningAlgorithm
        /// The private key's bytes (swift-crypto's key types are not all `Sendable`).
        let raw: Data

        /// The signature of `input`, as JWS wants it (RFC 7518 §3.3 and §3.4).
        func sign(_ input: Data) throws -> Data {
            switch algorithm {
            case .rs256:
                let key = try _RSA.Signing.PrivateKey(derRepresentation: raw)
                return try key.signature(for: input, padding: .insecurePKCS1v1_5).rawRepresentation
            case .es256:
                return try P256.Signing.PrivateKey(rawRepresentation: raw).signature(for: input).rawRepresentation
            }
        }
    }

    /// A public key as published: its kid, algorithm and JWK members (without `kid`).
    struct PublicKey: Sendable {
        let kid: String
        let algorithm: SigningAlgorithm
        let jwk: [String: String]
        /// The key in the form swift-crypto verifies with.
        let verifier: @Sendable (Data, Data) -> Bool
    }

    let directory: URL
    /// Whether the directory is a private temporary one (for an in-memory database), removed with the store.
    private let temporary: Bool
    // Serializes first-use generation and rotation within this process.
    private let lock = Mutex<Void>(())

    init(directory: URL, temporary: Bool = false) {
        self.directory = directory
        self.temporary = temporary
    }

    deinit {
        if temporary { try? FileManager.default.removeItem(at: directory) }
    }

    /// The key that signs new credentials for `organization` with `algorithm`, made on first use.
    func currentKey(for organization: Int64, algorithm: SigningAlgorithm = .rs256) throws -> SigningKey {
        try lock.withLock { _ in
            let folder = try self.folder(for: organization)
            if let kid = try? String(contentsOf: folder.appendingPathComponent(algorithm.currentFile), encoding: .utf8),
                let raw = try? Data(contentsOf: folder.appendingPathComponent("\(kid).\(algorithm.fileExtension)"))
            {
                return SigningKey(kid: kid, algorithm: algorithm, raw: raw)
            }
            return try self.generate(algorithm, in: folder)
        }
    }

    /// Makes a new current key for `organization` and `algorithm`; earlier keys stay published.
    /// - Returns: The new key's id.
    @discardableResult
    func rotate(for organization: Int64, algorithm: SigningAlgorithm = .rs256) throws -> String {
        try lock.withLock { _ in try self.generate(algorithm, in: try self.folder(for: organization)).kid }
    }

    /// The key `kid` of `organization`, if it has one (a kid is a base64url thumbprint; anything else is none).
    func signingKey(_ kid: String, for organization: Int64) throws -> SigningKey? {
        guard !kid.isEmpty, kid.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return nil }
        let folder = directory.appendingPathComponent("org-\(organization)")
        for algorithm in SigningAlgorithm.allCases {
            if let raw = try? Data(contentsOf: folder.appendingPathComponent("\(kid).\(algorithm.fileExtension)")) {
                return SigningKey(kid: kid, algorithm: algorithm, raw: raw)
            }
        }
        return nil
    }

    /// Every public key of `organization`: the current ones first (RS256, then ES256), then the others by kid.
    func publicKeys(for organization: Int64) throws -> [PublicKey] {
        let folder = directory.appendingPathComponent("org-\(organization)")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        let current = SigningAlgorithm.allCases.compactMap {
            try? String(contentsOf: folder.appendingPathComponent($0.currentFile), encoding: .utf8)
        }
        let keys = try names.sorted().compactMap { name -> PublicKey? in
            guard let algorithm = SigningAlgorithm.allCases.first(where: { name.hasSuffix(".\($0.fileExtension)") })
            else { return nil }
            let kid = String(name.dropLast(algorithm.fileExtension.count + 1))
            return try Self.publicKey(
                kid: kid, algorithm: algorithm, raw: try Data(contentsOf: folder.appendingPathComponent(name)))
        }
        func rank(_ key: PublicKey) -> Int { current.firstIndex(of: key.kid) ?? current.count }
        return keys.sorted { (rank($0), $0.kid) < (rank($1), $1.kid) }
    }

    private static func publicKey(kid: String, algorithm: SigningAlgorithm, raw: Data) throws -> PublicKey {
        switch algorithm {
        case .rs256:
            let key = try _RSA.Signing.PrivateKey(derRepresentation: raw).publicKey
            let der = key.derRepresentation
            return PublicKey(kid: kid, algorithm: algorithm, jwk: try JWK.members(key)) { input, signature in
                guard let key = try? _RSA.Signing.PublicKey(derRepresentation: der) else { return false }
                return key.isValidSignature(
                    _RSA.Signing.RSASignature(rawRepresentation: signature), for: input, padding: .insecurePKCS1v1_5)
            }
        case .es256:
            let key = try P256.Signing.PrivateKey(rawRepresentation: raw).publicKey
            let x963 = key.x963Representation
            return PublicKey(kid: kid, algorithm: algorithm, jwk: JWK.members(key)) { input, signature in
                guard let key = try? P256.Signing.PublicKey(x963Representation: x963),
                    let signature = try? P256.Signing.ECDSASignature(rawRepresentation: signature)
                else { return false }
                return key.isValidSignature(signature, for: input)
            }
        }
    }

    private func folder(for organization: Int64) throws -> URL {
        let folder = directory.appendingPathComponent("org-\(organization)")
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CertificatesError.keyStore("cannot create the key directory \(folder.path)")
        }
        return folder
    }

    private func generate(_ algorithm: SigningAlgorithm, in folder: URL) throws -> SigningKey {
        let raw: Data
        let kid: String
        switch algorithm {
        case .rs256:
            let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            raw = key.derRepresentation
            kid = JWK.thumbprint(try JWK.members(key.publicKey))
        case .es256:
            let key = P256.Signing.PrivateKey()
            raw = key.rawRepresentation
            kid = JWK.thumbprint(JWK.members(key.publicKey))
        }
        let file = folder.appendingPathComponent("\(kid).\(algorithm.fileExtension)")
        guard FileManager.default.createFile(atPath: file.path, contents: raw, attributes: [.posixPermissions: 0o600])
        else { throw CertificatesError.keyStore("cannot write \(file.path)") }
        let pointer = folder.appendingPathComponent("\(algorithm.currentFile).tmp")
        guard
            FileManager.default.createFile(
                atPath: pointer.path, contents: Data(kid.utf8), attributes: [.posixPermissions: 0o600])
        else { throw CertificatesError.keyStore("cannot write \(pointer.path)") }
        // rename(2) replaces the pointer atomically: a reader sees the old kid or the new one, never half a name.
        let target = folder.appendingPathComponent(algorithm.currentFile)
        guard rename(pointer.path, target.path) == 0 else {
            throw CertificatesError.keyStore("cannot replace \(target.path)")
        }
        return SigningKey(kid: kid, algorithm: algorithm, raw: raw)
    }
}
