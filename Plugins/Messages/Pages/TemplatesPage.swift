import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Kernel
import PluginKit

/// `/orgs/{org}/messages/templates`: an organization's administrators read and change the wording of each kind of
/// message (subject, text, HTML, as Mustache templates), with a preview on sample data before saving. A template
/// that does not parse is refused next to its field, and nothing is saved.
struct TemplatesPage {
    let plugin: MessagesPlugin

    func list(_ page: PageRequest) async throws -> PageResponse {
        let organization = try administered(page)
        let overrides = try await plugin.context.store.read { db in
            try TemplateOverrides.all(of: organization, in: db)
        }
        let t = page.localizer
        let rows: [HTML] = MessageTemplates.kinds(t).map { kind in
            let changed = ["subject", "text", "html"].contains { overrides["\(kind.id).\($0)"] != nil }
            return """
                <li><a href="\(page.basePath)templates/\(kind.id)">\(kind.label)</a> \
                \(changed ? t("(your wording)") : t("(built in)"))</li>
                """
        }
        let saved: HTML =
            page.query("saved").flatMap { id in MessageTemplates.kinds(t).first { $0.id == id } }.map {
                "<p class=\"notice\" role=\"status\">\(t("Saved the wording of {kind}.", ["kind": $0.label]))</p>"
            } ?? ""
        return .page(
            PageContent(
                title: t("Message wording"),
                body: """
                    \(saved)<p>\(t("What the messages plugin sends, kind by kind. Change the wording of your organization's messages here; what you leave unchanged stays as built in, in each reader's language. Your own wording goes out as you wrote it, whatever the reader's language."))</p><ul>\(rows)</ul>
                    """))
    }

    func edit(_ page: PageRequest) async throws -> PageResponse {
        let organization = try administered(page)
        let kind = try self.kind(page)
        let overrides = try await plugin.context.store.read { db in
            try TemplateOverrides.all(of: organization, in: db)
        }
        let values = Dictionary(
            uniqueKeysWithValues: Self.parts.map {
                (
                    $0,
                    overrides["\(kind.id).\($0)"]
                        ?? MessageTemplates.builtIn("\(kind.id).\($0)", in: page.localizer) ?? ""
                )
            })
        return form(page, kind: kind, values: values, problems: [:], preview: true)
    }

    func save(_ page: PageRequest) async throws -> PageResponse {
        let organization = try administered(page)
        let kind = try self.kind(page)
        let t = page.localizer
        var values: [String: String] = [:]
        var problems: [String: String] = [:]
        for part in Self.parts {
            let text = page.form[part].replacingOccurrences(of: "\r\n", with: "\n")
            values[part] = text
            if text.isEmpty {
                problems[part] = t("Write something, or choose “Back to built-in wording”.")
            } else if text.count > 20_000 {
                problems[part] = t("Shorten it to 20,000 characters or fewer.")
            } else if let problem = MessageTemplates.problem(text, t) {
                problems[part] = t(
                    "This is not a valid Mustache template ({problem}); check that every {{#section}} has its {{/section}}.",
                    ["problem": problem])
            }
        }
        let restore = page.form["action"] == "restore"
        if page.form["action"] == "preview" || (!problems.isEmpty && !restore) {
            return form(page, kind: kind, values: values, problems: problems, preview: problems.isEmpty)
        }
        let now = plugin.context.now()
        let texts = values
        // What the page showed as built in: saving it unchanged keeps the built-in wording, in every language.
        let builtIn = Dictionary(
            uniqueKeysWithValues: Self.parts.map { ($0, MessageTemplates.builtIn("\(kind.id).\($0)", in: t)) })
        try await plugin.context.write(as: page.actor) { transaction in
            for part in Self.parts {
                try TemplateOverrides.save(
                    restore ? nil : texts[part], name: "\(kind.id).\(part)", builtIn: builtIn[part] ?? nil,
                    organization: organization,
                    now: now, in: transaction.db)
            }
        }
        return .redirect("templates?saved=\(kind.id)")
    }

    // MARK: - Parts

    static let parts = ["subject", "text", "html"]

    private func form(
        _ page: PageRequest, kind: (id: String, label: String), values: [String: String],
        problems: [String: String], preview: Bool
    ) -> PageResponse {
        let t = page.localizer
        let fields: [HTML] = Self.parts.map { part in
            let label = ["subject": t("Subject"), "text": t("Plain text"), "html": t("HTML")][part] ?? part
            let error: HTML = problems[part].map { "<p class=\"error\" id=\"\(part)-error\">\($0)</p>" } ?? ""
            let described: HTML =
                problems[part] == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"\(part)-error\""
            let input: HTML =
                part == "subject"
                ? "<input id=\"\(part)\" name=\"\(part)\" type=\"text\" value=\"\(values[part] ?? "")\"\(described)>"
                : "<textarea id=\"\(part)\" name=\"\(part)\" rows=\"14\"\(described)>\(values[part] ?? "")</textarea>"
            return "<div class=\"field\"><label for=\"\(part)\">\(label)</label>\(error)\(input)</div>"
        }
        var sample: HTML = ""
        if preview {
            let templates = MessageTemplates(
                overrides: Dictionary(
                    uniqueKeysWithValues: values.map { ("\(kind.id).\($0.key)", $0.value) }))
            let model = SampleMessage.model(t)
            let language = t.language
            let subject = templates.render("\(kind.id).subject", model, in: language)
            let text = templates.render("\(kind.id).text", model, in: language)
            let html = templates.renderHTML("\(kind.id).html", model, in: language)
            // The HTML is the organization's own, shown in a sandbox: no script runs, nothing reaches this page.
            sample = """
                <section aria-labelledby="preview"><h2 id="preview">\(t("Preview, on sample data"))</h2>
                <p><strong>\(t("Subject:"))</strong> \(subject)</p><pre class="preview">\(text)</pre>
                <iframe title="\(t("HTML part"))" sandbox srcdoc="\(html)" style="width:100%;height:20rem"></iframe>\
                </section>
                """
        }
        return .page(
            PageContent(
                title: t("Wording: {kind}", ["kind": kind.label]),
                body: """
                    <p><a href="\(page.basePath)templates">\(t("All messages"))</a></p>
                    <p>\(t("Mustache templates, with these values:")) <code>{{name}}</code>, <code>{{series}}</code>, \
                    <code>{{organization}}</code>, <code>{{contact}}</code>, <code>{{website}}</code>, \
                    <code>{{zone}}</code>, <code>{{session}}</code>, <code>{{when}}</code>, <code>{{inHours}}</code>, \
                    <code>{{covered}}</code>, <code>{{calendarLink}}</code>, <code>{{unsubscribe}}</code>, \
                    <code>{{#sessions}}{{when}} {{title}} {{join}}{{/sessions}}</code>. \
                    \(t("Values are HTML-escaped in the HTML part only."))</p>
                    <form method="post" action="\(page.basePath)templates/\(kind.id)">\(page.formField(for: "\(page.basePath)templates/\(kind.id)"))
                    \(fields)
                    <p class="actions"><button type="submit" name="action" value="preview">\(t("Preview"))</button> \
                    <button type="submit" name="action" value="save">\(t("Save"))</button> \
                    <button type="submit" name="action" value="restore">\(t("Back to built-in wording"))</button></p>
                    </form>
                    \(sample)
                    """),
            status: problems.isEmpty ? .ok : .unprocessableContent)
    }

    private func administered(_ page: PageRequest) throws -> Organization.ID {
        let organization = page.organization.id!
        try page.context.scope.requireAdministration(of: organization)
        return organization
    }

    private func kind(_ page: PageRequest) throws -> (id: String, label: String) {
        guard let id = page.context.parameters.get("kind"),
            let kind = MessageTemplates.kinds(page.localizer).first(where: { $0.id == id })
        else { throw AccessError.notFound(entity: "message kind", id: 0) }
        return kind
    }
}

/// Sample data for previews, in the page's language: no real person's data on a staff page. The sample series,
/// sessions and network read in the language too, as an organization working in it would name its own.
enum SampleMessage {
    static func model(_ t: Localizer) -> MessageWriter.Model {
        // Translators: the title of a made-up session, in the preview of a message staff are writing.
        let session = t("Finding and cleaning local data")
        // Translators: the name of a made-up organization, in the preview of a message staff are writing.
        let network = t("Sample network")
        let lagos = TimeZone(identifier: "Africa/Lagos")!
        let moment = t.dateFormatter("yMMMMEEEEdHm", in: lagos)
        let start = Date(timeIntervalSince1970: 1_802_786_400)  // Tuesday 16 February 2027, 14:00 in Lagos
        let zone = t.commaList([t.zoneName(lagos), "UTC+01:00"])
        let sessions = [
            MessageWriter.SessionLine(
                when: t(
                    "{start} to {end} ({zone})",
                    [
                        "start": moment.string(from: start),
                        "end": t.dateFormatter("Hm", in: lagos).string(from: start + 5_400), "zone": zone,
                    ]),
                title: session, note: nil, join: "https://meet.example.org/sample"),
            MessageWriter.SessionLine(
                when: t("by {deadline} ({zone})", ["deadline": moment.string(from: start + 7 * 86_400), "zone": zone]),
                // Translators: the title of a made-up offline exercise (a diary of the data one meets in a week).
                title: t("Data diary"), note: t("offline exercise"), join: nil),
        ]
        return MessageWriter.Model(
            name: "Amina Okafor",
            // Translators: the title of a made-up webinar series, in the preview of a message staff are writing.
            series: t("Data Storytelling for Community Newsrooms"),
            organization: network, website: "https://network.example.org",
            contact: "\(network) (https://network.example.org)",
            zone: "\(t.zoneName(lagos)) (Africa/Lagos)", sessions: sessions,
            calendarLink: "https://indaba.example.org/public/orgs/1/feeds/personal/SAMPLE/calendar.ics",
            session: session, when: sessions[0].when,
            inHours: t.plural("in {count} hour", "in {count} hours", count: 23),
            covered: t.semicolonList([
                // Translators: an item of a made-up session's agenda.
                t("Where local data lives"),
                // Translators: an item of a made-up session's agenda.
                t("Spreadsheet clean-up"),
            ]),
            unsubscribe: "https://indaba.example.org/unsubscribe/SAMPLE",
            next: MessageWriter.NextModel(sessions: [sessions[0]]))
    }
}
