import Foundation

/// Why an attendance export could not be read: always with the line, so the user can open the file there.
///
/// Messages never quote names or e-mail addresses from the file (they are personal data); they name the line and
/// the column instead.
enum AttendanceFileError: Error, Equatable, CustomStringConvertible {
    case unreadable(line: Int, reason: String)
    case unrecognized(expected: String?)
    case badValue(line: Int, column: String, reason: String)
    case unbalancedQuote(line: Int)
    case empty

    var description: String {
        switch self {
        case let .unreadable(line, reason):
            "Line \(line) of the file \(reason). Export the report again, or save it as CSV (UTF-8)."
        case let .unrecognized(expected?):
            "The file does not look like a \(expected); check --format, or leave it out to detect the platform."
        case .unrecognized(nil):
            "The file is not an attendance report from Zoom, Microsoft Teams or Google Meet: no table with a name "
                + "column and join times or durations was found."
        case let .badValue(line, column, reason):
            "Line \(line), column '\(column)': \(reason)."
        case let .unbalancedQuote(line):
            "Line \(line) opens a quoted field that never closes; the file is cut short or damaged."
        case .empty:
            "The file is empty."
        }
    }
}
