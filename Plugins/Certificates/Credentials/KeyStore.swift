import Crypto
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The organizations' ES256 signing keys, kept in files outside the database: a database dump or backup never
/// holds them, and a stolen dump cannot forge credentials.
///
/// Layout: `<directory>/org-<id>/<kid>.p256` (the raw private key, mode 0600) and `<directory>/org-<id>/current`
/// (the kid that signs new credentials). The directory is `<database>.keys/` beside the database file. A key is
/// made the first time an organization signs; ``rotate(for:)`` makes a new current key and keeps the old ones, so
/// credentials signed earlier still verify against the published JWK set.
final class KeyStore: Sendable {
    struct SigningKey: Sendable {
        let kid: String
        /// The raw private scalar (swift-crypto's key types are not `Sendable`).
        let raw: Data

        var privateKey: P256.Signing.PrivateKey {
            get throws { try P256.Signing.PrivateKey(rawRepresentation: raw) }
        }
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

    /// The key that signs new credentials for `organization`, made on first use.
    func currentKey(for organization: Int64) throws -> SigningKey {
        try lock.withLock { _ in
            let folder = try self.folder(for: organization)
            if let kid = try? String(contentsOf: folder.appendingPathComponent("current"), encoding: .utf8),
                let raw = try? Data(contentsOf: folder.appendingPathComponent("\(kid).p256"))
            {
                return SigningKey(kid: kid, raw: raw)
            }
            return try self.generate(in: folder)
        }
    }

    /// Makes a new current key for `organization`; earlier keys stay published.
    /// - Returns: The new key's id.
    @discardableResult
    func rotate(for organization: Int64) throws -> String {
        try lock.withLock { _ in try self.generate(in: try self.folder(for: organization)).kid }
    }

    /// Every public key of `organization`, current first then by kid.
    func publicKeys(for organization: Int64) throws -> [(kid: String, key: P256.Signing.PublicKey)] {
        let folder = directory.appendingPathComponent("org-\(organization)")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        let current = try? String(contentsOf: folder.appendingPathComponent("current"), encoding: .utf8)
        return try names.filter { $0.hasSuffix(".p256") }.sorted().compactMap { name in
            let raw = try Data(contentsOf: folder.appendingPathComponent(name))
            return (String(name.dropLast(5)), try P256.Signing.PrivateKey(rawRepresentation: raw).publicKey)
        }.sorted { ($0.kid == current ? 0 : 1, $0.kid) < ($1.kid == current ? 0 : 1, $1.kid) }
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

    private func generate(in folder: URL) throws -> SigningKey {
        let key = P256.Signing.PrivateKey()
        let kid = JWK.thumbprint(of: key.publicKey)
        let file = folder.appendingPathComponent("\(kid).p256")
        guard
            FileManager.default.createFile(
                atPath: file.path, contents: key.rawRepresentation, attributes: [.posixPermissions: 0o600])
        else { throw CertificatesError.keyStore("cannot write \(file.path)") }
        let pointer = folder.appendingPathComponent("current.tmp")
        guard
            FileManager.default.createFile(
                atPath: pointer.path, contents: Data(kid.utf8), attributes: [.posixPermissions: 0o600])
        else { throw CertificatesError.keyStore("cannot write \(pointer.path)") }
        // rename(2) replaces `current` atomically: a reader sees the old kid or the new one, never half a name.
        guard rename(pointer.path, folder.appendingPathComponent("current").path) == 0 else {
            throw CertificatesError.keyStore("cannot replace \(folder.appendingPathComponent("current").path)")
        }
        return SigningKey(kid: kid, raw: key.rawRepresentation)
    }
}
