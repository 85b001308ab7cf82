import Foundation
public import GRDB

/// Who this installation is, for identifiers it gives out that must outlive any one address: a domain name and
/// the day it was set (the two parts of an RFC 4151 tag URI). Set once, when first needed, from the address the
/// server was then reached at, and kept in the database: changing the server's base URL later changes no id.
public struct InstallationIdentity: Sendable, Hashable {
    /// A domain name the installation was reached at when its identity was set.
    public let authority: String
    /// The day the identity was set, `2026-12-03`.
    public let since: String

    public init(authority: String, since: String) {
        self.authority = authority
        self.since = since
    }

    /// The identity kept in the database, if one was set.
    public static func read(in db: Database) throws -> InstallationIdentity? {
        try Row.fetchOne(db, sql: "SELECT authority, since FROM installationIdentity WHERE id = 1").map {
            InstallationIdentity(authority: $0["authority"], since: $0["since"])
        }
    }

    /// A tag URI (RFC 4151) in this installation's namespace: `tag:indaba.example.org,2026-12-03:session-7`.
    public func tag(_ specific: String) -> String {
        "tag:\(authority),\(since):\(specific)"
    }

    /// The domain name of `url` as an identity authority: its host, lower-cased; `nil` for an address with no
    /// domain name (none, `localhost`, or an IP literal), which RFC 4151 does not accept and which is no identity
    /// worth keeping.
    public static func authority(of url: String) -> String? {
        guard let host = URL(string: url)?.host?.lowercased(), host.contains("."), host.contains(where: \.isLetter),
            !host.contains(":"), !host.hasSuffix(".localhost")
        else { return nil }
        return host
    }

    /// What stands in, unkept, until an installation is first reached at a domain name: `indaba.invalid`, a name
    /// reserved never to resolve (RFC 6761).
    public static let provisional = InstallationIdentity(authority: "indaba.invalid", since: "2026")
}
