import GRDB
import Kernel
import Testing

/// The scope writes sets of ids into its SQL as lists (`Set.sqlList()`): the same set always gives the same text,
/// and an empty set matches nothing.
@Suite("Ids as SQL lists")
struct SQLListTests {
    @Test("ids in increasing order, as numbers; none as a list that matches nothing")
    func text() {
        let ids: Set<Organization.ID> = [.init(240), .init(3), .init(17), .init(100)]
        #expect(ids.sqlList() == "(3,17,100,240)")
        #expect(Set<Organization.ID>().sqlList() == "(NULL)")
        #expect(Set([Person.ID(-5)]).sqlList() == "(-5)")
    }

    @Test("SQLite finds exactly the ids of the list, and nothing for an empty one")
    func inSQLite() throws {
        let queue = try DatabaseQueue()
        let ids = Set((0..<300).map { Organization.ID(Int64($0 * 7 - 50)) })
        try queue.read { db in
            let found = try Int64.fetchAll(
                db,
                sql: "WITH RECURSIVE n(i) AS (SELECT -100 UNION ALL SELECT i + 1 FROM n WHERE i < 2500) "
                    + "SELECT i FROM n WHERE i IN \(ids.sqlList()) ORDER BY i")
            #expect(found == ids.map(\.rawValue).sorted())
            let none = try Int64.fetchAll(
                db, sql: "SELECT 1 WHERE 1 IN \(Set<Organization.ID>().sqlList()) OR NULL IN (NULL)")
            #expect(none.isEmpty)
        }
    }
}
