import Foundation
import GRDB
import Hummingbird
import Kernel
import Logging
import PluginKit

/// `/orgs/{org}/retention/attendance`: choose a held session of the organization's own series (not a member's: a
/// coordinator uses the member's page) that the caller may record attendance in, upload a Zoom, Teams or Meet
/// export, and see what was recorded (or, for a dry run, what would be). Plans and applies in one transaction
/// through ``AttendanceImporter``, so a file that cannot be read writes nothing; the log carries counts only.
///
/// A file that would set people an earlier import recorded back to absent is not recorded at once: a confirm step
/// shows the preview and carries the file (as a hidden field) to a second post with the confirmation ticked. A file
/// whose times do not overlap the session is refused next to the file field, with a box to record it anyway.
struct AttendanceUploadPage {
    let plugin: RetentionPlugin

    /// The form's values and what is wrong with them, shown next to the fields.
    struct Entry {
        var session: Int64?
        var dryRun = false
        var anyDate = false
        /// The file's times did not overlap the session: offer to record it anyway.
        var offerAnyDate = false
        var sessionError: String?
        var fileError: String?
    }

    func show(_ page: PageRequest) async throws -> PageResponse {
        let entry = Entry(session: page.query("session").flatMap { Int64($0) })
        return .page(try await form(page, entry))
    }

    func upload(_ page: PageRequest) async throws -> PageResponse {
        let organization = page.organization.id!
        var entry = Entry(
            session: Int64(page.form["session"]), dryRun: page.form.isChecked("dryRun"),
            anyDate: page.form.isChecked("anyDate"))
        let chosen = entry.session
        let scope = page.context.scope
        // Only a session the form lists: any other (missing, hidden, cancelled) is refused alike.
        let session = try await plugin.context.store.read { db -> Session? in
            guard let chosen else { return nil }
            do {
                return try scope.recordableSession(Session.ID(chosen), ownedBy: organization, in: db)
            } catch is AccessError {
                return nil
            }
        }
        let t = page.localizer
        guard let session else {
            entry.sessionError = t("Choose one of the sessions in the list.")
            return .page(try await form(page, entry), status: .unprocessableContent)
        }
        // The file, or (on the confirm step) the same file carried in a hidden field.
        let carried = Data(base64Encoded: page.form["exportData"])
        guard let data = page.form.file("export")?.data ?? carried, !data.isEmpty else {
            entry.fileError = t("Choose the export file (CSV from Zoom, Teams or Google Meet).")
            return .page(try await form(page, entry), status: .unprocessableContent)
        }
        let importer = AttendanceImporter(settings: try await plugin.settings(for: organization))
        let (dryRun, anyDate, confirmAbsent) = (entry.dryRun, entry.anyDate, page.form.isChecked("confirmAbsent"))
        let plan: AttendancePlan
        do {
            // A preview only reads: no transaction is opened for writing, so not even an audit entry is left. An
            // upload that would set people back to absent is previewed first and waits for the confirmation.
            // Read once: the preview and the write plan the same reading.
            let file = try SessionExport(data: data, platform: nil, zone: nil, session: session)
            let preview = try await plugin.context.store.read { db in
                try importer.plan(file, session: session, anyDate: anyDate, in: db)
            }
            if dryRun {
                plan = preview
            } else if preview.clearedCount > 0, !confirmAbsent {
                return .page(confirmation(preview, data: data, session: session, anyDate: anyDate, page: page))
            } else {
                // Planned and applied in the same transaction: what is written is exactly what was planned.
                plan = try await plugin.context.write(as: page.actor) {
                    transaction in
                    let plan = try importer.plan(file, session: session, anyDate: anyDate, in: transaction.db)
                    try importer.apply(plan, session: session, confirmAbsent: confirmAbsent, in: transaction)
                    return plan
                }
            }
        } catch let error as AttendanceFileError {
            entry.fileError = error.worded(t)
            entry.offerAnyDate = error.offersAnyDate
            return .page(try await form(page, entry), status: .unprocessableContent)
        } catch let refusal as ClearingNotConfirmed {
            // The database changed between the preview and the write: ask again.
            entry.fileError = refusal.worded(t)
            return .page(try await form(page, entry), status: .conflict)
        } catch KernelError.invalidField(_, let reason) {
            // The kernel refused a record (a session that has not started yet takes no attendance): nothing is
            // written, and the form says why.
            entry.fileError = t("Nothing was recorded: {reason}.", ["reason": reason.worded(t)])
            return .page(try await form(page, entry), status: .unprocessableContent)
        }
        plugin.context.logger.info(
            "Attendance uploaded from the web",
            metadata: [
                "session.id": "\(session.id!.rawValue)", "rows": "\(plan.rowCount)",
                "recorded": "\(plan.entries.filter { $0.change != .unchanged }.count)",
                "unmatched": "\(plan.unmatched.count)", "dryRun": "\(dryRun)",
            ])
        return .page(summary(plan, session: session, dryRun: dryRun, base: page.basePath, t))
    }

    /// The confirm step: what the file would change, and a form that posts it again with the confirmation.
    private func confirmation(
        _ plan: AttendancePlan, data: Data, session: Session, anyDate: Bool, page: PageRequest
    ) -> PageContent {
        let t = page.localizer
        let count = plan.clearedCount
        let anyDateField: HTML = anyDate ? "<input type=\"hidden\" name=\"anyDate\" value=\"yes\">" : ""
        let lead = t.plural(
            "{session}: this file no longer lists {count} person whom an earlier import of this session recorded. "
                + "Recording it sets them back to absent. Nothing has been written yet.",
            "{session}: this file no longer lists {count} people whom an earlier import of this session recorded. "
                + "Recording it sets them back to absent. Nothing has been written yet.",
            count: count, ["session": session.title])
        return PageContent(
            title: t.plural(
                "Confirm: set {count} person back to absent", "Confirm: set {count} people back to absent", count: count
            ),
            body: """
                <p class="lead">\(lead)</p>
                <ul class="summary">\(summaryLines(plan, dryRun: true, t))</ul>
                <p>\(t("If the export is complete (not cut short, not filtered), confirm below. Otherwise export the "
                    + "report again from the meeting platform."))</p>
                <form method="post" action="\(page.basePath)attendance" enctype="multipart/form-data" class="stacked">
                \(page.formField(for: "\(page.basePath)attendance"))
                <input type="hidden" name="session" value="\(session.id!.rawValue)">
                <input type="hidden" name="exportData" value="\(data.base64EncodedString())">
                \(anyDateField)
                <div class="check"><input type="checkbox" id="confirmAbsent" name="confirmAbsent" value="yes" \
                required> <label for="confirmAbsent">\(t.plural(
                    "Yes, the file is complete: set {count} person back to absent",
                    "Yes, the file is complete: set {count} people back to absent", count: count))</label></div>
                <p><button type="submit">\(t("Record attendance"))</button></p>
                </form>
                <p><a href="\(page.basePath)attendance?session=\(session.id!.rawValue)">\(t("Cancel"))</a></p>
                """)
    }

    /// The import's summary in the page's language (the page links the queue instead of naming the command).
    private func summaryLines(_ plan: AttendancePlan, dryRun: Bool, _ t: Localizer) -> [HTML] {
        ImportSummary(plan: plan, dryRun: dryRun).lines(t).map { "<li>\($0)</li>" }
    }

    private func summary(
        _ plan: AttendancePlan, session: Session, dryRun: Bool, base: String, _ t: Localizer
    ) -> PageContent {
        let lines = summaryLines(plan, dryRun: dryRun, t)
        let review: HTML =
            plan.unmatched.isEmpty
            ? ""
            : """
            <p><a href="\(base)review">\(t.plural(
                "Review the {count} unmatched row", "Review the {count} unmatched rows", count: plan.unmatched.count))\
            </a></p>
            """
        let heading = dryRun ? t("Preview (nothing written)") : t("Attendance recorded")
        let lead = t(
            "{session}: the file was read as a {platform}.",
            ["session": session.title, "platform": plan.platform.reportName(t)])
        return PageContent(
            title: heading,
            body: """
                <p class="lead">\(lead)</p>
                <ul class="summary">\(lines)</ul>
                \(review)
                <p><a href="\(base)attendance?session=\(session.id!.rawValue)">\(t("Upload another export"))</a></p>
                """)
    }

    private func form(_ page: PageRequest, _ entry: Entry) async throws -> PageContent {
        let (organization, scope) = (page.organization.id!, page.context.scope)
        let groups = try await plugin.context.store.read { db in
            try scope.recordableSeries(ownedBy: organization, in: db).map { ($0.series, $0.sessions) }
        }
        let options: [HTML] = groups.map { series, sessions in
            let items: [HTML] = sessions.map { session in
                let selected: HTML = session.id!.rawValue == entry.session ? " selected" : ""
                return "<option value=\"\(session.id!.rawValue)\"\(selected)>\(session.title)</option>"
            }
            return "<optgroup label=\"\(series.title)\">\(items)</optgroup>"
        }
        let t = page.localizer
        let lead = t(
            "Upload the participant report of a Zoom meeting or webinar, a Microsoft Teams attendance report or a "
                + "Google Meet attendance file. Rows are matched to people by e-mail, then by name; rows nobody is "
                + "found for wait in the <a>review queue</a>.")
        return PageContent(
            title: t("Upload attendance"),
            body: """
                <p class="lead">\(HTML(trusted: HTML.escape(lead).replacingOccurrences(
                    of: "&lt;a&gt;", with: "<a href=\"\(HTML.escape(page.basePath))review\">")
                    .replacingOccurrences(of: "&lt;/a&gt;", with: "</a>")))</p>
                <form method="post" action="\(page.basePath)attendance" enctype="multipart/form-data" class="stacked">
                \(page.formField(for: "\(page.basePath)attendance"))
                \(field(
                    label: t("Session"), id: "session", error: entry.sessionError,
                    control: """
                        <select id="session" name="session" required\(describedBy("session", entry.sessionError))>\
                        <option value="">\(t("Choose a session"))</option>\(options)</select>
                        """))
                \(field(
                    label: t("Export file"), id: "export", error: entry.fileError,
                    control: """
                        <input type="file" id="export" name="export" accept=".csv,.tsv,.txt,text/csv" \
                        required\(describedBy("export", entry.fileError))>
                        """))
                <div class="check"><input type="checkbox" id="dryRun" name="dryRun" value="yes"\
                \(entry.dryRun ? HTML(" checked") : "")> <label for="dryRun">\(t(
                    "Preview only: show what would change without writing anything"))</label></div>
                \(entry.offerAnyDate ? anyDateBox(t) : "")
                <p><button type="submit">\(t("Upload"))</button></p>
                </form>
                """)
    }
}

/// The box that records a file whose times do not overlap the session, shown only after such a file was refused.
private func anyDateBox(_ t: Localizer) -> HTML {
    let label = t(
        "The file is for this session even though its times differ: record it anyway (choose the file again)")
    return """
        <div class="check"><input type="checkbox" id="anyDate" name="anyDate" value="yes"> <label for="anyDate">\
        \(label)</label></div>
        """
}

/// A labelled form field with its error (if any) right below the label, announced to screen readers.
func field(label: String, id: String, error: String?, control: HTML) -> HTML {
    let message: HTML = error.map { "<p class=\"error\" id=\"\(id)-error\" role=\"alert\">\($0)</p>" } ?? ""
    return "<div class=\"field\"><label for=\"\(id)\">\(label)</label>\(message)\(control)</div>"
}

/// The `aria-describedby` and `aria-invalid` attributes of a field that has an error.
func describedBy(_ id: String, _ error: String?) -> HTML {
    error == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"\(id)-error\""
}
