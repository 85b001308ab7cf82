import Foundation

/// The kernel's own sections of a series report: overview, objectives, how it ran, participation, and the quotes
/// shown with consent, in the language of `t` (dates, numbers and percentages in its locale too).
struct ReportKernelSections {
    let facts: SeriesFacts
    let t: Localizer

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
        let lead = t.plural(
            "{count} participant left the series from their own page; {reasons} gave a reason. They still count as "
                + "enrolled above.",
            "{count} participants left the series from their own page; {reasons} gave a reason. They still count as "
                + "enrolled above.",
            count: count, ["reasons": t.number(reasons.count)])
        let markdown = reasons.map { "> \($0.replacingOccurrences(of: "\n", with: "\n> "))" }
        let html: [HTML] = reasons.map { "<li>\($0)</li>" }
        return ReportSection(
            title: t("Who left, and why"),
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
            title: t("Quotes"), markdown: markdown.joined(separator: "\n\n"), html: "\(html)", order: 45)
    }

    private var zone: TimeZone { TimeZone(identifier: facts.series.timeZone) ?? .gmt }

    private var overview: ReportSection {
        let sessions = facts.sessions.map(\.session)
        let names = [
            "organization": facts.organization.name, "series": facts.series.title,
            "programme": facts.programme.title,
        ]
        let ran =
            sessions.isEmpty
            ? t("{organization} ran {series} (programme: {programme}); it has no sessions yet.", names)
            : t.plural(
                "{organization} ran {series} (programme: {programme}) from {start} to {end}, in {count} session.",
                "{organization} ran {series} (programme: {programme}) from {start} to {end}, in {count} sessions.",
                count: sessions.count,
                names.merging([
                    "start": day(sessions.map(\.startsAt).min()!), "end": day(sessions.map(\.endsAt).max()!),
                ]) { given, _ in given })
        let lead =
            ran + " " + t.plural("{count} person enrolled.", "{count} people enrolled.", count: facts.enrolled)
        let summary = facts.series.summary
        return ReportSection(
            title: t("Overview"), markdown: lead + (summary.isEmpty ? "" : "\n\n" + summary),
            html: "<p>\(lead)</p>" + (summary.isEmpty ? HTML.empty : "<p>\(summary)</p>"), order: 10)
    }

    /// How the organization runs and measures its series, in its own words (kept as plain paragraphs).
    private var methodology: ReportSection {
        let paragraphs = (facts.methodology ?? "").components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        let html: [HTML] = paragraphs.map { "<p>\($0)</p>" }
        return ReportSection(
            title: t("Methodology"), markdown: paragraphs.joined(separator: "\n\n"), html: "\(html)", order: 15)
    }

    private var objectives: ReportSection {
        let items = facts.series.objectives
        let list: [HTML] = items.map { "<li>\($0)</li>" }
        return ReportSection(
            title: t("Objectives"),
            markdown: items.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n"),
            html: "<ol>\(list)</ol>", order: 20)
    }

    private var howItRan: ReportSection {
        var markdown: [String] = []
        var html: [HTML] = []
        if !facts.team.isEmpty {
            let team = facts.team.map { member in
                member.role == .facilitator
                    ? t("{name} (facilitator)", ["name": member.name])
                    : t("{name} (guest speaker)", ["name": member.name])
            }
            .joined(separator: t.language.isRightToLeft ? "، " : ", ")
            let line = t("Facilitation: {team}.", ["team": team])
            markdown.append(line)
            html.append("<p>\(line)</p>")
        }
        if !facts.sessions.isEmpty {
            let name = t.zoneName(zone)
            let line = t(
                "Times are in {zone}.", ["zone": name == zone.identifier ? name : "\(name) (\(zone.identifier))"])
            markdown.append(line)
            html.append("<p>\(line)</p>")
        }
        for item in facts.sessions {
            let session = item.session
            let heading = "\(t.number(item.number)). \(session.title)"
            let values = ["time": time(session), "kind": kind(session)]
            let when =
                session.status == .cancelled
                ? t("{time}, {kind}, cancelled.", values) : t("{time}, {kind}.", values)
            markdown.append(
                "### \(heading)\n\n\(when)" + (session.agenda.isEmpty ? "" : "\n")
                    + session.agenda.map { "\n- \($0)" }.joined())
            if !session.description.isEmpty { markdown[markdown.count - 1] += "\n\n" + session.description }
            let agenda: [HTML] = session.agenda.map { "<li>\($0)</li>" }
            let description: [HTML] = session.descriptionParagraphs.map { "<p class=\"description\">\($0)</p>" }
            html.append(
                "<h3>\(heading)</h3><p>\(when)</p>" + (agenda.isEmpty ? HTML.empty : "<ul>\(agenda)</ul>")
                    + "\(description)")
        }
        return ReportSection(
            title: t("How it ran"), markdown: markdown.joined(separator: "\n\n"), html: "\(html)", order: 30)
    }

    private var participation: ReportSection {
        let enrolled = facts.enrolled
        let figures = ["enrolled": t.number(enrolled), "completed": t.number(facts.completedAll)]
        let lead =
            enrolled == 0
            ? t("{enrolled} enrolled; {completed} completed every session.", figures)
            : t(
                "{enrolled} enrolled; {completed} completed every session ({share}).",
                figures.merging(["share": percent(facts.completedAll, of: enrolled)]) { given, _ in given })
        let (session, completed, ofEnrolled) = (t("Session"), t("Completed"), t("Of enrolled"))
        var table = "| \(session) | \(completed) | \(ofEnrolled) |\n| --- | ---: | ---: |\n"
        var rows: [HTML] = []
        for item in facts.sessions where item.session.status == .scheduled {
            let name = "\(t.number(item.number)). \(item.session.title)"
            let label =
                item.session.kind == .offlineExercise
                ? t("{session} (submitted)", ["session": name]) : t("{session} (attended)", ["session": name])
            let (count, of) = (t.number(item.completed), percent(item.completed, of: enrolled))
            table += "| \(label) | \(count) | \(of) |\n"
            rows.append("<tr><th scope=\"row\">\(label)</th><td>\(count)</td><td>\(of)</td></tr>")
        }
        let html: HTML = """
            <p>\(lead)</p>
            <div class="scroll"><table><caption>\(t("Completion by session"))</caption>
            <thead><tr><th scope="col">\(session)</th><th scope="col">\(completed)</th>\
            <th scope="col">\(ofEnrolled)</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
        return ReportSection(title: t("Participation"), markdown: lead + "\n\n" + table, html: html, order: 40)
    }

    // MARK: - Formatting

    /// `43%` in the report's language, or a dash when there is nobody to count.
    private func percent(_ count: Int, of total: Int) -> String {
        total == 0 ? "–" : t.percent(Double(count) / Double(total))
    }

    /// `21 June 2023`, in the series' zone.
    private func day(_ date: Date) -> String {
        formatter("d MMMM yyyy", or: "yMMMMd").string(from: date)
    }

    /// `Wed 21 Jun 2023, 14:00–15:00`, or both full dates when the session crosses midnight in the series' zone.
    private func time(_ session: Session) -> String {
        let full = formatter("EEE d MMM yyyy, HH:mm", or: "yMMMEdHHmm")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let sameDay = calendar.isDate(session.startsAt, inSameDayAs: session.endsAt)
        let end = (sameDay ? formatter("HH:mm", or: "HHmm") : full).string(from: session.endsAt)
        return full.string(from: session.startsAt) + "–" + end
    }

    private func kind(_ session: Session) -> String {
        switch session.kind {
        case .live:
            t.plural("live session, {count} minute", "live session, {count} minutes", count: session.plannedMinutes)
        case .feedback:
            t.plural(
                "feedback session, {count} minute", "feedback session, {count} minutes", count: session.plannedMinutes)
        case .offlineExercise: t("exercise done between sessions")
        }
    }

    /// English keeps the network's British pattern (as the series page does); other languages order the
    /// template's fields their own way.
    private func formatter(_ english: String, or template: String) -> DateFormatter {
        let formatter = t.dateFormatter(template, in: zone)
        if t.language == .english || t.language == .pseudo { formatter.dateFormat = english }
        return formatter
    }
}
