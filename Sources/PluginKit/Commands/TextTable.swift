/// Rows of text in columns padded to their widest cell, two spaces apart, for terminals. The first row is the header.
///
/// The last cell of a row is never padded, so no line ends in spaces. Rows may have fewer cells than others.
public struct TextTable: Sendable {
    public private(set) var rows: [[String]]

    /// A table of `rows`, the first one its header.
    public init(_ rows: [[String]]) {
        self.rows = rows
    }

    /// An empty table with these column headers; add rows with ``add(_:)``.
    public init(header: String...) {
        rows = [header]
    }

    /// Appends a row.
    public mutating func add(_ cells: String...) {
        rows.append(cells)
    }

    /// The table's lines, without new lines.
    public var lines: [String] {
        let widths = rows.reduce(into: [Int]()) { widths, row in
            for (index, cell) in row.enumerated() {
                if index == widths.count { widths.append(0) }
                widths[index] = max(widths[index], cell.count)
            }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
    }

    /// The table as one string, lines separated by new lines (no new line at the end).
    public var text: String {
        lines.joined(separator: "\n")
    }
}
