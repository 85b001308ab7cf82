import Foundation
import GRDB

extension WriteTransaction {
    /// The installation's identity: the one kept in the database, or else a new one made of `authority` and this
    /// transaction's day (UTC), which is then kept for good. Never changes an identity once set.
    public func installationIdentity(claiming authority: String) throws -> InstallationIdentity {
        if let known = try InstallationIdentity.read(in: db) { return known }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(secondsFromGMT: 0)!
        let day = utc.dateComponents([.year, .month, .day], from: now)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let since = "\(day.year!)-\(two(day.month!))-\(two(day.day!))"
        try db.execute(
            sql: "INSERT INTO installationIdentity (id, authority, since, createdAt) VALUES (1, ?, ?, ?)",
            arguments: [authority, since, now])
        return InstallationIdentity(authority: authority, since: since)
    }
}
