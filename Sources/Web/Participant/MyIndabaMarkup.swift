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

    /// A translated message whose `{placeholders}` are filled with markup (`values`); the message itself is
    /// escaped.
    static func filled(_ message: String, _ values: [String: HTML]) -> HTML {
        var markup = HTML.escape(message)
        for (name, value) in values { markup = markup.replacingOccurrences(of: "{\(name)}", with: value.markup) }
        return HTML(trusted: markup)
    }

    static func signInForm(email: String, error: String?, field: HTML, _ t: Localizer) -> HTML {
        let alert: HTML = error.map { "<div class=\"alert\" role=\"alert\"><p>\($0)</p></div>" } ?? .empty
        let invalid: HTML = error == nil ? .empty : " aria-invalid=\"true\""
        let lead = t(
            "Your own pages: your sessions in your time zone, your private calendar, your certificates, and your data "
                + "to download or erase. We send a sign-in link to the address you enrolled with.")
        return """
            <p>\(lead)</p>
            \(alert)<form method="post" action="/me/sign-in" novalidate>\(field)
            <div class="field"><label for="email">\(t("E-mail address"))</label>
            <input id="email" name="email" type="email" dir="ltr" autocomplete="email" maxlength="254" required \
            value="\(email)"\(invalid)></div>
            <button type="submit">\(t("Send me a sign-in link"))</button></form>
            """
    }

    static func home(
        _ snapshot: Snapshot, sections: [PageSection], notice: String?, now: Date,
        field: @Sendable (String) -> HTML, _ t: Localizer
    ) -> HTML {
        let person = snapshot.person
        var parts: [HTML] = []
        if let notice = notice.flatMap({ noticeText($0, t) }) {
            parts.append("<div class=\"notice\" role=\"status\"><p>\(notice)</p></div>")
        }
        let signedIn = filled(
            t("Signed in as {name} ({email})."),
            ["name": "<bdi>\(person.displayName)</bdi>", "email": "<bdi dir=\"ltr\">\(person.email)</bdi>"])
        parts.append(
            """
            <p>\(signedIn)</p>
            <form method="post" action="/me/sign-out">\(field("/me/sign-out"))\
            <button type="submit" class="secondary">\(t("Sign out"))</button></form>
            """)
        parts.append(upcoming(snapshot, now: now, t))
        parts.append(series(snapshot, field: field, t))
        for section in sections { parts.append("<section><h2>\(section.title)</h2>\(section.body)</section>") }
        parts.append(details(snapshot, field: field, t))
        let download = filled(
            t("Everything we keep about you, as one file: {link}."),
            ["link": "<a href=\"/me/data.json\" download>\(t("Download my data (JSON)"))</a>"])
        let erase = filled(
            t("You can also have your personal data erased: {link}"),
            ["link": "<a href=\"/me/erase\">\(t("Erase my data…"))</a>"])
        parts.append(
            """
            <section><h2>\(t("Your data"))</h2>
            <p>\(download)</p>
            <p>\(erase)</p></section>
            """)
        return HTML(trusted: parts.map(\.markup).joined(separator: "\n"))
    }

    private static func noticeText(_ code: String, _ t: Localizer) -> String? {
        switch code {
        case "withdrawn":
            t("You left the series. You will get no more reminders for it; its figures still count you.")
        case "rejoined": t("Welcome back: you take part in the series again.")
        case "details": t("Your details are saved.")
        default: nil
        }
    }

    private static func zone(_ snapshot: Snapshot, series: WebinarSeries) -> TimeZone {
        snapshot.timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: series.timeZone) ?? .gmt
    }

    /// Sessions still to come in the series the person takes part in, soonest first, with join links.
    private static func upcoming(_ snapshot: Snapshot, now: Date, _ t: Localizer) -> HTML {
        let items = snapshot.enrolments.filter { $0.enrolment.withdrawnAt == nil && $0.series.status == .published }
            .flatMap { entry in
                entry.sessions.filter { $0.status == .scheduled && $0.endsAt > now }.map { (entry, $0) }
            }
            .sorted { $0.1.startsAt < $1.1.startsAt }
        guard !items.isEmpty else {
            return "<section><h2>\(t("Your upcoming sessions"))</h2><p>\(t("No sessions to come."))</p></section>"
        }
        let rows: [HTML] = items.map { entry, session in
            let zone = zone(snapshot, series: entry.series)
            let times = SessionTimes(zone: zone, localizer: t)
            let join: HTML =
                if session.kind.isLive, let url = session.joinURL {
                    " <a href=\"\(url)\">\(t("Join online"))</a>"
                } else { .empty }
            return """
                <li><strong><bdi>\(session.title)</bdi></strong> (<a href="/series/\(entry.series.id!.rawValue)">\
                <bdi>\(entry.series.title)</bdi></a>)<br><time datetime="\(times.iso(session.startsAt))">\
                \(times.range(from: session.startsAt, to: session.endsAt))</time> \
                <span class="note"><bdi>\(zone.identifier)</bdi></span>\(join)</li>
                """
        }
        return "<section><h2>\(t("Your upcoming sessions"))</h2><ul class=\"sessions\">\(rows)</ul></section>"
    }

    /// The person's series, each with what they did and a way to leave or join again.
    private static func series(_ snapshot: Snapshot, field: @Sendable (String) -> HTML, _ t: Localizer) -> HTML {
        guard !snapshot.enrolments.isEmpty else {
            return "<section><h2>\(t("Your series"))</h2><p>\(t("You are not enrolled in any series."))</p></section>"
        }
        let items: [HTML] = snapshot.enrolments.map { entry in
            let id = entry.series.id!.rawValue
            let live = entry.sessions.filter { $0.kind.isLive && $0.status == .scheduled }
            let attended = live.filter { entry.attendance[$0.id!]?.status == .present }.count
            let handedIn = entry.submissions.count
            let attendance = t.plural(
                "Attended {attended} of {count} live session", "Attended {attended} of {count} live sessions",
                count: live.count, ["attended": t.number(attended)])
            let summary =
                handedIn == 0
                ? t("{attendance}.", ["attendance": attendance])
                : t(
                    "{attendance}; {exercises}.",
                    [
                        "attendance": attendance,
                        "exercises": t.plural(
                            "{count} exercise handed in", "{count} exercises handed in", count: handedIn),
                    ])
            let action: HTML
            if let withdrawn = entry.enrolment.withdrawnAt {
                let times = SessionTimes(zone: zone(snapshot, series: entry.series), localizer: t)
                let left = filled(
                    t("You left this series on {day}."),
                    ["day": "<time datetime=\"\(times.iso(withdrawn))\">\(times.day(withdrawn))</time>"])
                action = """
                    <p>\(left)</p>
                    <form method="post" action="/me/series/\(id)/rejoin">\(field("/me/series/\(id)/rejoin"))\
                    <button type="submit" class="secondary">\(t("Join again"))</button></form>
                    """
            } else if entry.series.status == .published {
                let why = t(
                    "It helps the organizers make the next series easier to follow. Only they read it, and their "
                        + "report quotes it without your name.")
                action = """
                    <details><summary>\(t("Leave this series"))</summary>
                    <form method="post" action="/me/series/\(id)/withdraw">\(field("/me/series/\(id)/withdraw"))
                    <div class="field"><label for="reason-\(id)">\(t("Why are you leaving?")) <span class="optional">\
                    (\(t("optional")))</span></label>
                    <p class="why" id="reason-\(id)-why">\(why)</p>
                    <textarea id="reason-\(id)" name="reason" maxlength="500" rows="3" \
                    aria-describedby="reason-\(id)-why"></textarea></div>
                    <button type="submit">\(t("Leave the series"))</button></form></details>
                    """
            } else {
                action = .empty
            }
            return """
                <li><h3><a href="/series/\(id)"><bdi>\(entry.series.title)</bdi></a></h3>
                <p><bdi>\(entry.organization.name)</bdi> · \(summary)</p>\(action)</li>
                """
        }
        return "<section><h2>\(t("Your series"))</h2><ul class=\"plain\">\(items)</ul></section>"
    }

    /// Self-description with consent, and the zone messages use.
    private static func details(_ snapshot: Snapshot, field: @Sendable (String) -> HTML, _ t: Localizer) -> HTML {
        let person = snapshot.person
        let checked: HTML = person.consent ? " checked" : .empty
        let zones = ([snapshot.timeZone].compactMap { $0 } + SessionTimes.commonZones)
        var seen: Set<String> = []
        let options: [HTML] = zones.filter { seen.insert($0).inserted }.map { zone in
            let selected: HTML = zone == snapshot.timeZone ? " selected" : .empty
            return "<option value=\"\(zone)\"\(selected)>\(zone)</option>"
        }
        let why = t(
            "Used only to count how many women and men join and stay; reports show counts, never names, and hide "
                + "small groups. Untick the box to withdraw your consent: your gender is then deleted.")
        return """
            <section><h2>\(t("Your details"))</h2>
            <form method="post" action="/me/details">\(field("/me/details"))
            <fieldset><legend>\(t("Gender")) <span class="optional">(\(t("optional")))</span></legend>
            <p class="why" id="gender-why">\(why)</p>
            <div class="field"><label for="gender">\(t("Your gender, in your own words"))</label>
            <input id="gender" name="gender" type="text" maxlength="100" value="\(person.gender ?? "")" \
            aria-describedby="gender-why"></div>
            <div class="check"><input id="consent" name="consent" type="checkbox" value="yes"\(checked)>
            <label for="consent">\(t("Keep my gender for these counts"))</label></div></fieldset>
            <div class="field"><label for="timeZone">\(t("Time zone for session times and messages"))</label>
            <select id="timeZone" name="timeZone"><option value="">\(t("The series' own time zone"))</option>\
            \(options)</select></div>
            <div class="field"><label for="language">\(t("Language for my pages, e-mails and certificates"))</label>
            <select id="language" name="language"><option value="">\(t("No preference"))</option>\
            \(languages(person))</select></div>
            <button type="submit">\(t("Save my details"))</button></form></section>
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

    static func erasePage(field: HTML, error: String? = nil, _ t: Localizer) -> HTML {
        let alert: HTML = error.map { "<div class=\"alert\" role=\"alert\"><p>\($0)</p></div>" } ?? .empty
        let removes = t(
            "Erasing removes your name, e-mail address, self-description, sign-in links, messages, private calendar "
                + "links and the name on your certificates (they stop being valid). It cannot be undone.")
        let stays = t(
            "Your enrolments and attendance stay as an anonymous record, so the series' figures do not change. To "
                + "take part again later, enrol again.")
        let keep = t(
            "Keep my gender, without my name, in the anonymous figures (women's participation is what these series "
                + "measure)")
        return """
            \(alert)<p>\(removes)</p>
            <p>\(stays)</p>
            <form method="post" action="/me/erase">\(field)
            <div class="check"><input id="keepGender" name="keepGender" type="checkbox" value="yes">
            <label for="keepGender">\(keep)</label></div>
            <div class="check"><input id="confirm" name="confirm" type="checkbox" value="yes">
            <label for="confirm">\(t("Yes, erase my personal data"))</label></div>
            <button type="submit" class="danger">\(t("Erase my data"))</button></form>
            <p><a href="/me">\(t("Back to My Indaba"))</a></p>
            """
    }
}
