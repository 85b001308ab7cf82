import Foundation

/// Which rows of an export are one person's, before anyone is matched.
extension AttendanceImporter {
    /// Groups participant rows by who they are: the e-mail when given, otherwise the name. A Zoom row written
    /// after a rename (`Real Name (X's iPhone)`) also claims its original name: rows written before the rename under
    /// that name alone join it, when exactly one renamed group claims the name (two guests who both joined as
    /// "iPhone" are not merged).
    static func group(_ rows: [ExportRow]) -> (groups: [String: [ExportRow]], order: [String]) {
        var groups: [String: [ExportRow]] = [:]
        var order: [String] = []
        for row in rows {
            let key =
                row.email.map(IdentityKey.email) ?? IdentityKey.names(forDisplayName: row.name).first
                ?? "line:\(row.line)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        var claims: [String: Set<String>] = [:]
        for key in order {
            for row in groups[key]! {
                if let original = row.originalName.flatMap(IdentityKey.name), original != key {
                    claims[original, default: []].insert(key)
                }
            }
        }
        for key in order where key.hasPrefix("name:") {
            guard let claimants = claims[key], claimants.count == 1, let target = claimants.first,
                groups[target] != nil, groups[key]!.allSatisfy({ $0.email == nil && $0.originalName == nil })
            else { continue }
            groups[target]! += groups.removeValue(forKey: key)!
        }
        return (groups, order.filter { groups[$0] != nil })
    }
}
