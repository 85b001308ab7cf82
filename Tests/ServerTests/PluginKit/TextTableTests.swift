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

    @Test("cells cannot drive the terminal: escapes, bidi overrides and new lines are shown, not obeyed")
    func hostileCells() {
        var table = TextTable(header: "ID", "NAME")
        table.add("1", "\u{1B}]0;owned\u{07}Eve\u{1B}[2J")
        table.add("2", "Ada\u{202E}nimda\nroot")
        #expect(table.lines == ["ID  NAME", "1   \\u{1b}]0;owned\\u{7}Eve\\u{1b}[2J", "2   Ada\\u{202e}nimda\\nroot"])
        #expect(!table.text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
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
