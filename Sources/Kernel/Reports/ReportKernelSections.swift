import Foundation

/// The kernel's own sections of a series report: overview, objectives, how it ran, participation, and the quotes
/// shown with consent.
struct ReportKernelSections {
    let facts: SeriesFacts

    var all: [ReportSection] {
        [overview] + (facts.methodology == nil ? [] : [methodology])
            + (facts.series.objectives.isEmpty ? [] : [objectives]) + [howItRan, participation]
            + (facts.withdrawals.isEmpty ? [] : [whoLeft]) + (facts.quotes.isEmpty ? [] : [quotes])
    }

    /// Participants who left the series from their own page, and the reasons they gave, without names: what
    /// the next series can learn from. They still count as enrolled in the figures above.
    private var whoLeft: ReportSection {
        let reasons = facts.withdrawals.compactMap(\.reason)
        let count = facts.withdrawals.count
        let lead =
            "\(count) \(count == 1 ? "participant" : "participants") left the series from their own page; "
            + "\(reasons.count) gave a reason. They still count as enrolled above."
        let markdown = reasons.map { "> \($0.replacingOccurrences(of: "\n", with: "\n> "))" }
        let html: [HTML] = reasons.map { "<li>\($0)</li>" }
        return ReportSection(
            title: "Who left, and why",
            markdown: ([lead] + markdown).joined(separator: "\n\n"),
            html: "<p>\(lead)</p>" + (html.isEmpty ? HTML.empty : "<ul>\(html)</ul>"), order: 42)
    }

    /// Only quotes whose authors agreed (``SeriesFacts/quotes`` holds no others).
    private var quotes: ReportSection {
        let markdown = facts.quotes.map { quote in
            "> \(quote.text.replacingOccurrences(of: "\n", with: "\n> "))"
                + (quote.attribution.map { "\n>\n> — \($0)" } ?? "")
        }
        let html: [HTML] = facts.quotes.map { quote in
            let source: HTML = quote.attribution.map { "<figcaption>— \($0)</figcaption>" } ?? .empty
            return "<figure class=\"quote\"><blockquote><p>\(quote.text)</p></blockquote>\(source)</figure>"
        }
        return ReportSection(
            title: "Quotes", markdown: markdown.joined(separator: "\n\n"), html: "\(html)", order: 45)
    }

    private var zone: TimeZone { TimeZone(identifier: facts.series.timeZone) ?? .gmt }

    private var overview: ReportSection {
        let sessions = facts.sessions.map(\.session)
        let span =
            sessions.isEmpty
            ? "no sessions yet"
            : "from \(day(sessions.map(\.startsAt).min()!)) to \(day(sessions.map(\.endsAt).max()!)), in "
                + "\(sessions.count) sessions"
        let lead =
            "\(facts.organization.name) ran \(facts.series.title) (programme: \(facts.programme.title)) \(span). "
            + "\(facts.enrolled) people enrolled."
        let summary = facts.series.summary
        return ReportSection(
            title: "Overview", markdown: lead + (summary.isEmpty ? "" : "\n\n" + summary),
            html: "<p>\(lead)</p>" + (summary.isEmpty ? HTML.empty : "<p>\(summary)</p>"), order: 10)
    }

    /// How the organization runs and measures its series, in its own words (kept as plain paragraphs).
    private var methodology: ReportSection {
        let paragraphs = (facts.methodology ?? "").components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        let html: [HTML] = paragraphs.map { "<p>\($0)</p>" }
        return ReportSection(
            title: "Methodology", markdown: paragraphs.joined(separator: "\n\n"), html: "\(html)", order: 15)
    }

    private var objectives: ReportSection {
        let items = facts.series.objectives
        let list: [HTML] = items.map { "<li>\($0)</li>" }
        return ReportSection(
            title: "Objectives",
            markdown: items.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n"),
            html: "<ol>\(list)</ol>", order: 20)
    }

    private var howItRan: ReportSection {
        var markdown: [String] = []
        var html: [HTML] = []
        if !facts.team.isEmpty {
            let team = facts.team.map { "\($0.name) (\($0.role == .facilitator ? "facilitator" : "guest speaker"))" }
                .joined(separator: ", ")
            markdown.append("Facilitation: \(team).")
            html.append("<p>Facilitation: \(team).</p>")
        }
        for item in facts.sessions {
            let session = item.session
            let heading = "\(item.number). \(session.title)"
            let when = "\(time(session)), \(kind(session))" + (session.status == .cancelled ? ", cancelled" : "")
            markdown.append(
                "### \(heading)\n\n\(when)." + (session.agenda.isEmpty ? "" : "\n")
                    + session.agenda.map { "\n- \($0)" }.joined())
            if !session.description.isEmpty { markdown[markdown.count - 1] += "\n\n" + session.description }
            let agenda: [HTML] = session.agenda.map { "<li>\($0)</li>" }
            let description: [HTML] = session.descriptionParagraphs.map { "<p class=\"description\">\($0)</p>" }
            html.append(
                "<h3>\(heading)</h3><p>\(when).</p>" + (agenda.isEmpty ? HTML.empty : "<ul>\(agenda)</ul>")
                    + "\(description)")
        }
        return ReportSection(
            title: "How it ran", markdown: markdown.joined(separator: "\n\n"), html: "\(html)", order: 30)
    }

    private var participation: ReportSection {
        let enrolled = facts.enrolled
        let share = enrolled == 0 ? "" : " (\(percent(facts.completedAll, of: enrolled)))"
        let lead = "\(enrolled) enrolled; \(facts.completedAll) completed every session\(share)."
        var table = "| Session | Completed | Of enrolled |\n| --- | ---: | ---: |\n"
        var rows: [HTML] = []
        for item in facts.sessions where item.session.status == .scheduled {
            let verb = item.session.kind == .offlineExercise ? "submitted" : "attended"
            let label = "\(item.number). \(item.session.title) (\(verb))"
            let of = percent(item.completed, of: enrolled)
            table += "| \(label) | \(item.completed) | \(of) |\n"
            rows.append("<tr><th scope=\"row\">\(label)</th><td>\(item.completed)</td><td>\(of)</td></tr>")
        }
        let html: HTML = """
            <p>\(lead)</p>
            <div class="scroll"><table><caption>Completion by session</caption>
            <thead><tr><th scope="col">Session</th><th scope="col">Completed</th><th scope="col">Of enrolled</th></tr>\
            </thead><tbody>\(rows)</tbody></table></div>
            """
        return ReportSection(title: "Participation", markdown: lead + "\n\n" + table, html: html, order: 40)
    }

    // MARK: - Formatting

    private func percent(_ count: Int, of total: Int) -> String {
        total == 0 ? "–" : String(format: "%.0f%%", Double(count) * 100 / Double(total))
    }

    private func day(_ date: Date) -> String {
        formatter("d MMMM yyyy").string(from: date)
    }

    private func time(_ session: Session) -> String {
        let start = formatter("EEE d MMM yyyy, HH:mm").string(from: session.startsAt)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let sameDay = calendar.isDate(session.startsAt, inSameDayAs: session.endsAt)
        let end = formatter(sameDay ? "HH:mm" : "EEE d MMM yyyy, HH:mm").string(from: session.endsAt)
        return "\(start)–\(end) (\(zone.identifier))"
    }

    private func kind(_ session: Session) -> String {
        switch session.kind {
        case .live: "live session, \(session.plannedMinutes) minutes"
        case .feedback: "feedback session, \(session.plannedMinutes) minutes"
        case .offlineExercise: "exercise done between sessions"
        }
    }

    private func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = zone
        formatter.dateFormat = format
        return formatter
    }
}
