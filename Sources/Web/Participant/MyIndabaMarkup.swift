import Foundation
import Kernel
import PluginKit

/// The markup of My Indaba's pages. Every value is escaped by ``Kernel/HTML`` interpolation.
enum MyIndabaMarkup {
    /// What the home page shows, read in one transaction.
    struct Snapshot: Sendable {
        let person: Person
        let enrolments: [ParticipantRecord.Enrolled]
        let timeZone: String?
        let organizations: Set<Organization.ID>
    }

    static func signInForm(email: String, error: String?, field: HTML) -> HTML {
        let alert: HTML = error.map { "<div class=\"alert\" role=\"alert\"><p>\($0)</p></div>" } ?? .empty
        let invalid: HTML = error == nil ? .empty : " aria-invalid=\"true\""
        return """
            <p>Your own pages: your sessions in your time zone, your private calendar, your certificates, and your \
            data to download or erase. We send a sign-in link to the address you enrolled with.</p>
            \(alert)<form method="post" action="/me/sign-in" novalidate>\(field)
            <div class="field"><label for="email">E-mail address</label>
            <input id="email" name="email" type="email" autocomplete="email" maxlength="254" required \
            value="\(email)"\(invalid)></div>
            <button type="submit">Send me a sign-in link</button></form>
            """
    }

    static func home(
        _ snapshot: Snapshot, sections: [PageSection], notice: String?, now: Date,
        field: @Sendable (String) -> HTML
    ) -> HTML {
        let person = snapshot.person
        var parts: [HTML] = []
        if let notice = notice.flatMap(noticeText) {
            parts.append("<div class=\"notice\" role=\"status\"><p>\(notice)</p></div>")
        }
        parts.append(
            """
            <p>Signed in as <bdi>\(person.displayName)</bdi> (<bdi>\(person.email)</bdi>).</p>
            <form method="post" action="/me/sign-out">\(field("/me/sign-out"))\
            <button type="submit" class="secondary">Sign out</button></form>
            """)
        parts.append(upcoming(snapshot, now: now))
        parts.append(series(snapshot, field: field))
        for section in sections { parts.append("<section><h2>\(section.title)</h2>\(section.body)</section>") }
        parts.append(details(snapshot, field: field))
        parts.append(
            """
            <section><h2>Your data</h2>
            <p>Everything we keep about you, as one file: <a href="/me/data.json" download>Download my data (JSON)</a>.</p>
            <p>You can also have your personal data erased: <a href="/me/erase">Erase my data…</a></p></section>
            """)
        return HTML(trusted: parts.map(\.markup).joined(separator: "\n"))
    }

    private static func noticeText(_ code: String) -> String? {
        switch code {
        case "withdrawn": "You left the series. You will get no more reminders for it; its figures still count you."
        case "rejoined": "Welcome back: you take part in the series again."
        case "details": "Your details are saved."
        default: nil
        }
    }

    private static func zone(_ snapshot: Snapshot, series: WebinarSeries) -> TimeZone {
        snapshot.timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: series.timeZone) ?? .gmt
    }

    /// Sessions still to come in the series the person takes part in, soonest first, with join links.
    private static func upcoming(_ snapshot: Snapshot, now: Date) -> HTML {
        let items = snapshot.enrolments.filter { $0.enrolment.withdrawnAt == nil && $0.series.status == .published }
            .flatMap { entry in
                entry.sessions.filter { $0.status == .scheduled && $0.endsAt > now }.map { (entry, $0) }
            }
            .sorted { $0.1.startsAt < $1.1.startsAt }
        guard !items.isEmpty else {
            return "<section><h2>Your upcoming sessions</h2><p>No sessions to come.</p></section>"
        }
        let rows: [HTML] = items.map { entry, session in
            let zone = zone(snapshot, series: entry.series)
            let times = SessionTimes(zone: zone)
            let join: HTML =
                if session.kind.isLive, let url = session.joinURL {
                    " <a href=\"\(url)\">Join online</a>"
                } else { .empty }
            return """
                <li><strong>\(session.title)</strong> (<a href="/series/\(entry.series.id!.rawValue)">\
                \(entry.series.title)</a>)<br><time datetime="\(times.iso(session.startsAt))">\
                \(times.range(from: session.startsAt, to: session.endsAt))</time> \
                <span class="note">\(zone.identifier)</span>\(join)</li>
                """
        }
        return "<section><h2>Your upcoming sessions</h2><ul class=\"sessions\">\(rows)</ul></section>"
    }

    /// The person's series, each with what they did and a way to leave or join again.
    private static func series(_ snapshot: Snapshot, field: @Sendable (String) -> HTML) -> HTML {
        guard !snapshot.enrolments.isEmpty else {
            return "<section><h2>Your series</h2><p>You are not enrolled in any series.</p></section>"
        }
        let items: [HTML] = snapshot.enrolments.map { entry in
            let id = entry.series.id!.rawValue
            let live = entry.sessions.filter { $0.kind.isLive && $0.status == .scheduled }
            let attended = live.filter { entry.attendance[$0.id!]?.status == .present }.count
            let handedIn = entry.submissions.count
            let summary: HTML =
                "Attended \(attended) of \(live.count) live sessions"
                + (handedIn == 0
                    ? "." : handedIn == 1 ? "; 1 exercise handed in." : "; \(handedIn) exercises handed in.")
            let action: HTML
            if let withdrawn = entry.enrolment.withdrawnAt {
                let times = SessionTimes(zone: zone(snapshot, series: entry.series))
                action = """
                    <p>You left this series on <time datetime="\(times.iso(withdrawn))">\
                    \(times.day(withdrawn))</time>.</p>
                    <form method="post" action="/me/series/\(id)/rejoin">\(field("/me/series/\(id)/rejoin"))\
                    <button type="submit" class="secondary">Join again</button></form>
                    """
            } else if entry.series.status == .published {
                action = """
                    <details><summary>Leave this series</summary>
                    <form method="post" action="/me/series/\(id)/withdraw">\(field("/me/series/\(id)/withdraw"))
                    <div class="field"><label for="reason-\(id)">Why are you leaving? <span class="optional">\
                    (optional)</span></label>
                    <p class="why" id="reason-\(id)-why">It helps the organizers make the next series easier to \
                    follow. Only they read it, and their report quotes it without your name.</p>
                    <textarea id="reason-\(id)" name="reason" maxlength="500" rows="3" \
                    aria-describedby="reason-\(id)-why"></textarea></div>
                    <button type="submit">Leave the series</button></form></details>
                    """
            } else {
                action = .empty
            }
            return """
                <li><h3><a href="/series/\(id)">\(entry.series.title)</a></h3>
                <p>\(entry.organization.name) · \(summary)</p>\(action)</li>
                """
        }
        return "<section><h2>Your series</h2><ul class=\"plain\">\(items)</ul></section>"
    }

    /// Self-description with consent, and the zone messages use.
    private static func details(_ snapshot: Snapshot, field: @Sendable (String) -> HTML) -> HTML {
        let person = snapshot.person
        let checked: HTML = person.consent ? " checked" : .empty
        let zones = ([snapshot.timeZone].compactMap { $0 } + SessionTimes.commonZones)
        var seen: Set<String> = []
        let options: [HTML] = zones.filter { seen.insert($0).inserted }.map { zone in
            let selected: HTML = zone == snapshot.timeZone ? " selected" : .empty
            return "<option value=\"\(zone)\"\(selected)>\(zone)</option>"
        }
        return """
            <section><h2>Your details</h2>
            <form method="post" action="/me/details">\(field("/me/details"))
            <fieldset><legend>Gender <span class="optional">(optional)</span></legend>
            <p class="why" id="gender-why">Used only to count how many women and men join and stay; reports show \
            counts, never names, and hide small groups. Untick the box to withdraw your consent: your gender is then \
            deleted.</p>
            <div class="field"><label for="gender">Your gender, in your own words</label>
            <input id="gender" name="gender" type="text" maxlength="100" value="\(person.gender ?? "")" \
            aria-describedby="gender-why"></div>
            <div class="check"><input id="consent" name="consent" type="checkbox" value="yes"\(checked)>
            <label for="consent">Keep my gender for these counts</label></div></fieldset>
            <div class="field"><label for="timeZone">Time zone for session times and messages</label>
            <select id="timeZone" name="timeZone"><option value="">The series' own time zone</option>\(options)\
            </select></div>
            <div class="field"><label for="language">Language for my pages, e-mails and certificates</label>
            <select id="language" name="language"><option value="">No preference</option>\(languages(person))\
            </select></div>
            <button type="submit">Save my details</button></form></section>
            """
    }

    /// The shipped languages, each named in itself, the person's choice selected.
    private static func languages(_ person: Person) -> HTML {
        HTML(
            trusted: Language.shipped.map { language -> HTML in
                let selected: HTML = language == person.language ? " selected" : .empty
                return
                    "<option value=\"\(language.code)\" lang=\"\(language.code)\"\(selected)>\(language.nativeName)</option>"
            }.map(\.markup).joined())
    }

    static func erasePage(field: HTML, error: String? = nil) -> HTML {
        let alert: HTML = error.map { "<div class=\"alert\" role=\"alert\"><p>\($0)</p></div>" } ?? .empty
        return """
            \(alert)<p>Erasing removes your name, e-mail address, self-description, sign-in links, messages, private \
            calendar links and the name on your certificates (they stop being valid). It cannot be undone.</p>
            <p>Your enrolments and attendance stay as an anonymous record, so the series' figures do not change. \
            To take part again later, enrol again.</p>
            <form method="post" action="/me/erase">\(field)
            <div class="check"><input id="keepGender" name="keepGender" type="checkbox" value="yes">
            <label for="keepGender">Keep my gender, without my name, in the anonymous figures (women's \
            participation is what these series measure)</label></div>
            <div class="check"><input id="confirm" name="confirm" type="checkbox" value="yes">
            <label for="confirm">Yes, erase my personal data</label></div>
            <button type="submit" class="danger">Erase my data</button></form>
            <p><a href="/me">Back to My Indaba</a></p>
            """
    }
}
