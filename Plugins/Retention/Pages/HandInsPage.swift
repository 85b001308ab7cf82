import Foundation
import GRDB
import Hummingbird
import Kernel
import Logging
import PluginKit

/// `/orgs/{org}/retention/hand-ins`: who handed in an offline exercise, recorded in bulk on the web. Choose one of the
/// exercise sessions the caller may record (the series' facilitators and the organization's administrators), tick
/// each participant who handed in, with the date and a link or a note; saved in one transaction through the kernel
/// (`submitExercise`), so a refused row writes nothing. Hand-ins already recorded are shown ticked; unticking one
/// does not remove it.
struct HandInsPage {
    let plugin: RetentionPlugin

    /// One participant's row: the person, and what is recorded or typed.
    struct Line {
        let person: Person
        var handedIn: Bool
        var date: String
        var detail: String
        var error: String?
    }

    func show(_ page: PageRequest) async throws -> PageResponse {
        let chosen = page.query("session").flatMap { Int64($0) }.map(Session.ID.init)
        return .page(try await content(page, chosen: chosen, typed: nil))
    }

    func save(_ page: PageRequest) async throws -> PageResponse {
        let organization = page.organization.id!
        let scope = page.context.scope
        guard let id = Int64(page.form["session"]).map(Session.ID.init),
            let session = try await exercise(id, of: organization, scope: scope)
        else { throw AccessError.notFound(entity: "session", id: Int64(page.form["session"]) ?? 0) }
        var lines = try await lines(of: session, scope: scope)
        let t = page.localizer
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: session.timeZone) ?? .gmt
        var changes: [(Person.ID, Date, String?, String?)] = []
        for index in lines.indices {
            let person = lines[index].person.id!
            let ticked = page.form.isChecked("handedIn-\(person.rawValue)")
            let date = page.form["date-\(person.rawValue)"]
            let detail = page.form["detail-\(person.rawValue)"]
            guard ticked, !lines[index].handedIn || date != lines[index].date || detail != lines[index].detail else {
                continue
            }
            (lines[index].handedIn, lines[index].date, lines[index].detail) = (true, date, detail)
            // Noon in the session's zone on the day given: within the day whatever the deadline's hour.
            let parts = date.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3,
                let day = calendar.date(
                    from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12)),
                calendar.component(.day, from: day) == parts[2]
            else {
                lines[index].error = t("Give the date it was handed in, such as 2023-06-27.")
                continue
            }
            let isLink = detail.hasPrefix("http://") || detail.hasPrefix("https://")
            changes.append(
                (person, day, isLink ? detail : nil, isLink || detail.isEmpty ? nil : detail))
        }
        if lines.contains(where: { $0.error != nil }) {
            return .page(try await content(page, chosen: id, typed: lines), status: .unprocessableContent)
        }
        do {
            let sessionId = session.id!
            let pending = changes
            try await plugin.context.write(as: page.actor) { transaction in
                for (person, day, link, note) in pending {
                    try transaction.submitExercise(of: person, for: sessionId, at: day, link: link, note: note)
                }
            }
        } catch let KernelError.invalidField(field, reason) {
            // Which row: the kernel names the field; the first changed row with that kind of value is marked.
            let message =
                field == "link"
                ? t("The link {reason}.", ["reason": reason.worded(t)])
                : t("The date {reason}.", ["reason": reason.worded(t)])
            if let index = lines.firstIndex(where: { line in changes.contains { $0.0 == line.person.id! } }) {
                lines[index].error = message
            }
            return .page(try await content(page, chosen: id, typed: lines), status: .unprocessableContent)
        }
        plugin.context.logger.info(
            "Hand-ins recorded from the web",
            metadata: ["session.id": "\(id.rawValue)", "recorded": "\(changes.count)"])
        return .redirect("hand-ins?session=\(id.rawValue)&saved=\(changes.count)")
    }

    /// Exercise session `id`, if the caller may record hand-ins for it.
    private func exercise(_ id: Session.ID, of organization: Organization.ID, scope: Scope) async throws -> Session? {
        try await plugin.context.store.read { db in
            try scope.recordableExercises(ownedBy: organization, in: db).lazy.flatMap(\.sessions).first {
                $0.id == id
            }
        }
    }

    /// The series' participants (the kernel's rule: enrolled, not on its team) with what is recorded for them.
    private func lines(of session: Session, scope: Scope) async throws -> [Line] {
        try await plugin.context.store.read { db in
            let ids = try SeriesParticipation.participantIds(in: session.seriesId, in: db)
            let submitted = try SeriesParticipation.submissions(in: session.seriesId, in: db)
                .filter { $0.sessionId == session.id }
                .reduce(into: [Person.ID: ExerciseSubmission]()) { $0[$1.personId] = $1 }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: session.timeZone) ?? .gmt
            formatter.dateFormat = "yyyy-MM-dd"
            return try scope.people().filter(keys: ids).fetchAll(db)
                .sorted { ($0.displayName, $0.id!.rawValue) < ($1.displayName, $1.id!.rawValue) }
                .map { person in
                    let done = submitted[person.id!]
                    return Line(
                        person: person, handedIn: done != nil,
                        date: done.map { formatter.string(from: $0.submittedAt) } ?? "",
                        detail: done?.link ?? done?.note ?? "")
                }
        }
    }

    private func content(_ page: PageRequest, chosen: Session.ID?, typed: [Line]?) async throws -> PageContent {
        let (organization, scope) = (page.organization.id!, page.context.scope)
        let groups = try await plugin.context.store.read { db in
            try scope.recordableExercises(ownedBy: organization, in: db)
        }
        let session = groups.lazy.flatMap(\.sessions).first { $0.id == chosen }
        let t = page.localizer
        let options: [HTML] = groups.map { group in
            let items: [HTML] = group.sessions.map { exercise in
                let selected: HTML = exercise.id == chosen ? " selected" : ""
                return "<option value=\"\(exercise.id!.rawValue)\"\(selected)>\(exercise.title)</option>"
            }
            return "<optgroup label=\"\(group.series.title)\">\(items)</optgroup>"
        }
        let picker: HTML = """
            <form method="get" action="\(page.basePath)hand-ins" class="stacked">
            <div class="field"><label for="session">\(t("Exercise"))</label>\
            <select id="session" name="session" required><option value="">\(t("Choose an exercise"))</option>\
            \(options)</select></div>
            <p><button type="submit" class="secondary">\(t("Show participants"))</button></p></form>
            """
        guard let session else {
            let none: HTML =
                groups.isEmpty ? "<p>\(t("None of the series you may record has an offline exercise."))</p>" : ""
            let lead = t(
                "Record who handed in an offline exercise: choose the exercise, tick who handed in, give the date and "
                    + "a link or a note.")
            return PageContent(
                title: t("Exercise hand-ins"),
                body: """
                    <p class="lead">\(lead)</p>
                    \(none)\(picker)
                    """)
        }
        let lines: [Line]
        if let typed { lines = typed } else { lines = try await self.lines(of: session, scope: scope) }
        let saved: HTML =
            page.query("saved").flatMap(Int.init).map { count -> HTML in
                let notice = t.plural(
                    "Saved: {count} hand-in recorded.", "Saved: {count} hand-ins recorded.", count: count)
                return "<p class=\"notice\" role=\"status\">\(notice)</p>"
            } ?? ""
        let rows: [HTML] = lines.map { line in
            let id = line.person.id!.rawValue
            let error: HTML =
                line.error.map { "<p class=\"error\" id=\"row-\(id)-error\" role=\"alert\">\($0)</p>" } ?? ""
            let invalid: HTML = line.error == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"row-\(id)-error\""
            return """
                <tr><th scope="row"><input type="checkbox" id="handedIn-\(id)" name="handedIn-\(id)" value="yes"\
                \(line.handedIn ? HTML(" checked") : "")> <label for="handedIn-\(id)"><bdi>\(line.person.displayName)</bdi>\
                </label>\(error)</th>\
                <td class="text"><label for="date-\(id)">\(t("Date"))</label> <input type="date" id="date-\(id)" \
                name="date-\(id)" value="\(line.date)"\(invalid)></td>\
                <td class="text"><label for="detail-\(id)">\(t("Link or note"))</label> <input type="text" id="detail-\(id)" \
                name="detail-\(id)" value="\(line.detail)"></td></tr>
                """
        }
        let lead = t(
            "{session}: tick each participant who handed in, with the date and a link (starting with https://) or a "
                + "note. Hand-ins already recorded are ticked; unticking one does not remove it. The deadline is the "
                + "exercise's end.", ["session": session.title])
        return PageContent(
            title: t("Exercise hand-ins"),
            body: """
                \(saved)
                <p class="lead">\(lead)</p>
                \(picker)
                <form method="post" action="\(page.basePath)hand-ins" class="stacked">\(page.formField(for: "\(page.basePath)hand-ins"))
                <input type="hidden" name="session" value="\(session.id!.rawValue)">
                <div class="scroll"><table><caption>\(t("Participants of the series"))</caption>
                <thead><tr><th scope="col">\(t("Handed in"))</th><th scope="col">\(t("Date"))</th>\
                <th scope="col">\(t("Link or note"))</th></tr></thead>
                <tbody>\(rows)</tbody></table></div>
                <p><button type="submit">\(t("Save hand-ins"))</button></p>
                </form>
                """)
    }
}
