import Foundation
import Kernel

/// Rows of text in columns padded to their widest cell, two spaces apart, for terminals. The first row is the header.
///
/// The last cell of a row is never padded, so no line ends in spaces. Rows may have fewer cells than others.
public struct TextTable: Sendable {
    public private(set) var rows: [[String]]

    /// A table of `rows`, the first one its header. Cells are escaped for terminals
    /// (``Kernel/HostileCharacters/escapedForTerminal(_:)``, new lines and tabs too), so a cell stays on its line
    /// and the columns line up.
    public init(_ rows: [[String]]) {
        self.rows = rows.map { $0.map(Self.cell) }
    }

    /// An empty table with these column headers; add rows with ``add(_:)``.
    public init(header: String...) {
        rows = [header.map(Self.cell)]
    }

    /// Appends a row.
    public mutating func add(_ cells: String...) {
        rows.append(cells.map(Self.cell))
    }

    /// A cell's text made safe for one line of a terminal.
    private static func cell(_ text: String) -> String {
        HostileCharacters.escapedForTerminal(text).replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\t", with: "\\t")
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
