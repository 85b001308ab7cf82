import Kernel

extension AttendanceFileError {
    /// The problem in `t`'s language, for the upload page and the API, the parser's reason for a line included. In
    /// English it is ``description``, word for word.
    func worded(_ t: Localizer) -> String {
        guard t.language != .english else { return description }
        switch self {
        case let .unreadable(line, reason):
            return t(
                "Line {line} of the file {reason}. Export the report again, or save it as CSV (UTF-8).",
                ["line": t.number(line), "reason": reason.worded(t)])
        case let .unrecognized(expected?):
            return t(
                "The file does not look like the expected report ({report}); choose another platform, or none to "
                    + "detect it.", ["report": expected.reportName(t)])
        case .unrecognized(nil):
            return t(
                "The file is not an attendance report from Zoom, Microsoft Teams or Google Meet: no table with a name "
                    + "column and join times or durations was found.")
        case let .badValue(line, column, reason):
            return t(
                "Line {line}, column '{column}': {reason}.",
                ["line": t.number(line), "column": column, "reason": reason.worded(t)])
        case let .unbalancedQuote(line):
            return t(
                "Line {line} opens a quoted field that never closes; the file is cut short or damaged.",
                ["line": t.number(line)])
        case .empty:
            return t("The file is empty.")
        case let .damaged(line):
            return t(
                "Line {line} of the file holds NUL bytes: the file is damaged or was cut short. Nothing was recorded; "
                    + "export the report again.", ["line": t.number(line)])
        case .noRows:
            return t(
                "The file has no attendance rows, only headings: nothing was recorded. Export the report again once "
                    + "the meeting has ended.")
        case let .implausibleMinutes(lines, minutes, limit):
            return t(
                "Lines of the file: {lines}. {minutes} minutes in the meeting, more than the {limit} this session can "
                    + "plausibly hold. Check the durations (a spreadsheet may have turned 48:10, minutes and "
                    + "seconds, into hours) and the session chosen.",
                [
                    "lines": lines.map { t.number($0) }.joined(separator: ", "), "minutes": t.number(minutes),
                    "limit": t.number(limit),
                ])
        case let .otherDate(file, session):
            return t(
                "The file's times ({file}) do not overlap the session ({session}): it looks like an export of "
                    + "another meeting. Choose the right session, or confirm the date to record it anyway.",
                ["file": file, "session": session])
        }
    }

    /// Whether recording anyway (`anyDate`) would get past the problem: the file is of another day.
    var offersAnyDate: Bool {
        if case .otherDate = self { return true }
        return false
    }
}

extension ClearingNotConfirmed {
    /// The refusal in `t`'s language, for the upload page (which asks to confirm with its own button) and the API.
    /// In English it is ``description``, word for word.
    func worded(_ t: Localizer) -> String {
        guard t.language != .english else { return description }
        return t.plural(
            "This file would set {count} person an earlier import recorded back to absent: they are not in it. "
                + "Nothing was written. If the file is complete, confirm it; a preview lists the changes.",
            "This file would set {count} people an earlier import recorded back to absent: they are not in it. "
                + "Nothing was written. If the file is complete, confirm it; a preview lists the changes.",
            count: people)
    }
}
