import PluginKit
import Testing

@Suite("PluginKit text tables: columns padded to the widest cell")
struct TextTableTests {
    @Test("columns line up two spaces apart, and the last cell of a row is never padded")
    func padding() {
        var table = TextTable(header: "ID", "NAME", "STATE")
        table.add("1", "Ama", "active")
        table.add("120", "Bongani Dube", "")
        #expect(
            table.lines == [
                "ID   NAME          STATE",
                "1    Ama           active",
                "120  Bongani Dube  ",
            ])
        #expect(table.text == table.lines.joined(separator: "\n"))
    }

    @Test("rows may be shorter than others; their last cell is not padded")
    func raggedRows() {
        let table = TextTable([["Stage", "People"], ["Enrolled", "40"], ["Total"]])
        #expect(table.lines == ["Stage     People", "Enrolled  40", "Total"])
    }

    @Test("a table with only a header prints the header; an empty one prints nothing")
    func emptyTables() {
        #expect(TextTable(header: "A", "B").lines == ["A  B"])
        #expect(TextTable([]).lines.isEmpty)
    }
}
