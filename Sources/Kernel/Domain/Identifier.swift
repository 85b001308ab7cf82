public import GRDB
import GRDBSQLite

/// A typed database identifier: `Identifier<Session>` and `Identifier<Person>` never mix.
///
/// Every entity exposes its own alias (`Session.ID`, `Person.ID`), so signatures read as the domain does.
public struct Identifier<Owner>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The row id in the entity's table.
    public let rawValue: Int64

    /// Wraps a row id.
    public init(_ rawValue: Int64) {
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { String(rawValue) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Identifier: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { rawValue.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Self? {
        Int64.fromDatabaseValue(dbValue).map(Self.init)
    }
}

/// Read straight from the statement, as `Int64` is: fetching ids (a coordinator's members, a record's keys) otherwise
/// goes through a `DatabaseValue` for each one.
extension Identifier: StatementColumnConvertible {
    public init(sqliteStatement: SQLiteStatement, index: CInt) {
        self.init(sqlite3_column_int64(sqliteStatement, index))
    }
}

extension Set {
    /// The ids as an SQL list written inline, in increasing order: `(3,17,240)`, or `(NULL)`, which matches nothing,
    /// when there are none. Ids are integers from our own database, so nothing in them needs quoting; a coordinator's
    /// scope writes a list of every member organization into each of its queries.
    public func sqlList<Owner>() -> String where Element == Identifier<Owner> {
        guard !isEmpty else { return "(NULL)" }
        var text = "("
        text.reserveCapacity(count * 8 + 2)
        for (index, id) in sorted().enumerated() {
            if index > 0 { text.append(",") }
            text.append(String(id.rawValue))
        }
        text.append(")")
        return text
    }
}
