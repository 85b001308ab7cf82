import Foundation
import Kernel

/// Why an attendance export could not be read: always with the line, so the user can open the file there.
///
/// Messages never quote names or e-mail addresses from the file (they are personal data); they name the line and
/// the column instead.
enum AttendanceFileError: Error, Equatable, CustomStringConvertible {
    case unreadable(line: Int, reason: FieldReason)
    case unrecognized(expected: MeetingPlatform?)
    case badValue(line: Int, column: String, reason: FieldReason)
    case unbalancedQuote(line: Int)
    case empty
    /// NUL characters: the file was cut short, padded or damaged on the way.
    case damaged(line: Int)
    /// A header (and perhaps a summary) but not one row of attendance.
    case noRows
    /// Someone's time in the meeting is longer than the session allows (a duration read the wrong way, say).
    case implausibleMinutes(lines: [Int], minutes: Int, limit: Int)
    /// The file's times do not overlap the session's: an export of another meeting, or of another day.
    case otherDate(file: String, session: String)

    var description: String {
        switch self {
        case let .unreadable(line, reason):
            "Line \(line) of the file \(reason). Export the report again, or save it as CSV (UTF-8)."
        case let .unrecognized(expected?):
            "The file does not look like a \(expected.reportName); check --format, or leave it out to detect the platform."
        case .unrecognized(nil):
            "The file is not an attendance report from Zoom, Microsoft Teams or Google Meet: no table with a name "
                + "column and join times or durations was found."
        case let .badValue(line, column, reason):
            "Line \(line), column '\(column)': \(reason)."
        case let .unbalancedQuote(line):
            "Line \(line) opens a quoted field that never closes; the file is cut short or damaged."
        case .empty:
            "The file is empty."
        case let .damaged(line):
            "Line \(line) of the file holds NUL bytes: the file is damaged or was cut short. Nothing was recorded; "
                + "export the report again."
        case .noRows:
            "The file has no attendance rows, only headings: nothing was recorded. Export the report again once "
                + "the meeting has ended."
        case let .implausibleMinutes(lines, minutes, limit):
            "\(lines.count == 1 ? "Line" : "Lines") \(lines.map(String.init).joined(separator: ", ")): \(minutes) "
                + "minutes in the meeting, more than the \(limit) this session can plausibly hold. Check the "
                + "durations (a spreadsheet may have turned 48:10, minutes and seconds, into hours) and the session "
                + "chosen."
        case let .otherDate(file, session):
            "The file's times (\(file)) do not overlap the session (\(session)): it looks like an export of "
                + "another meeting. Choose the right session, or confirm the date to record it anyway."
        }
    }
}
