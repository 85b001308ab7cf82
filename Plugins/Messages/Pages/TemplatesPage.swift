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
        let overrides = try await plugin.context.store.writer.read { db in
            try TemplateOverrides.all(of: organization, in: db)
        }
        let rows: [HTML] = MessageTemplates.kinds.map { kind in
            let changed = ["subject", "text", "html"].contains { overrides["\(kind.id).\($0)"] != nil }
            return """
                <li><a href="\(page.basePath)templates/\(kind.id)">\(kind.label)</a>\
                \(changed ? " (your wording)" : " (built in)")</li>
                """
        }
        let saved: HTML =
            page.query("saved").map { "<p class=\"notice\" role=\"status\">Saved the wording of \($0).</p>" } ?? ""
        return .page(
            PageContent(
                title: "Message wording",
                body: """
                    \(saved)<p>What the messages plugin sends, kind by kind. Change the wording of your \
                    organization's messages here; what you leave unchanged stays as built in (and will be \
                    translated when Indaba is).</p><ul>\(rows)</ul>
                    """))
    }

    func edit(_ page: PageRequest) async throws -> PageResponse {
        let organization = try administered(page)
        let kind = try self.kind(page)
        let overrides = try await plugin.context.store.writer.read { db in
            try TemplateOverrides.all(of: organization, in: db)
        }
        let values = Dictionary(
            uniqueKeysWithValues: Self.parts.map {
                ($0, overrides["\(kind.id).\($0)"] ?? MessageTemplates.builtIn("\(kind.id).\($0)") ?? "")
            })
        return form(page, kind: kind, values: values, problems: [:], preview: true)
    }

    func save(_ page: PageRequest) async throws -> PageResponse {
        let organization = try administered(page)
        let kind = try self.kind(page)
        var values: [String: String] = [:]
        var problems: [String: String] = [:]
        for part in Self.parts {
            let text = page.form[part].replacingOccurrences(of: "\r\n", with: "\n")
            values[part] = text
            if text.isEmpty {
                problems[part] = "Write something, or choose “Back to built-in wording”."
            } else if text.count > 20_000 {
                problems[part] = "is longer than 20,000 characters"
            } else if let problem = MessageTemplates.problem(text) {
                problems[part] = problem
            }
        }
        let restore = page.form["action"] == "restore"
        if page.form["action"] == "preview" || (!problems.isEmpty && !restore) {
            return form(page, kind: kind, values: values, problems: problems, preview: problems.isEmpty)
        }
        let now = plugin.context.now()
        let texts = values
        try await plugin.context.write(as: page.actor) { transaction in
            for part in Self.parts {
                try TemplateOverrides.save(
                    restore ? nil : texts[part], name: "\(kind.id).\(part)", organization: organization, now: now,
                    in: transaction.db)
            }
        }
        return .redirect("\(page.basePath)templates?saved=\(kind.id)")
    }

    // MARK: - Parts

    static let parts = ["subject", "text", "html"]

    private func form(
        _ page: PageRequest, kind: (id: String, label: String), values: [String: String],
        problems: [String: String], preview: Bool
    ) -> PageResponse {
        let fields: [HTML] = Self.parts.map { part in
            let label = ["subject": "Subject", "text": "Plain text", "html": "HTML"][part] ?? part
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
            let model = SampleMessage.model
            let subject = templates.render("\(kind.id).subject", model)
            let text = templates.render("\(kind.id).text", model)
            let html = templates.render("\(kind.id).html", model)
            // The HTML is the organization's own, shown in a sandbox: no script runs, nothing reaches this page.
            sample = """
                <section aria-labelledby="preview"><h2 id="preview">Preview, on sample data</h2>
                <p><strong>Subject:</strong> \(subject)</p><pre class="preview">\(text)</pre>
                <iframe title="HTML part" sandbox srcdoc="\(html)" style="width:100%;height:20rem"></iframe></section>
                """
        }
        return .page(
            PageContent(
                title: "Wording: \(kind.label)",
                body: """
                    <p><a href="\(page.basePath)templates">All messages</a></p>
                    <p>Mustache templates: <code>{{name}}</code>, <code>{{series}}</code>, <code>{{organization}}</code>, <code>{{website}}</code>, \
                    <code>{{zone}}</code>, <code>{{session}}</code>, <code>{{when}}</code>, <code>{{inHours}}</code>, \
                    <code>{{covered}}</code>, <code>{{calendarLink}}</code>, <code>{{unsubscribe}}</code>, and \
                    <code>{{#sessions}}{{when}} {{title}} {{join}}{{/sessions}}</code>. In the plain text, use three \
                    braces (<code>{{{name}}}</code>) so nothing is HTML-escaped; in the HTML, two.</p>
                    <form method="post" action="\(page.basePath)templates/\(kind.id)">\(page.formField(for: "\(page.basePath)templates/\(kind.id)"))
                    \(fields)
                    <p class="actions"><button type="submit" name="action" value="preview">Preview</button> \
                    <button type="submit" name="action" value="save">Save</button> \
                    <button type="submit" name="action" value="restore">Back to built-in wording</button></p>
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
            let kind = MessageTemplates.kinds.first(where: { $0.id == id })
        else { throw AccessError.notFound(entity: "message kind", id: 0) }
        return kind
    }
}

/// Sample data for previews: no real person's data on a staff page.
enum SampleMessage {
    static let model: MessageWriter.Model = {
        let sessions = [
            MessageWriter.SessionLine(
                when: "Tuesday 10 February 2027, 15:00 to 16:30 (Africa/Lagos, UTC+01:00)",
                title: "Finding and cleaning local data", note: nil, join: "https://meet.example.org/sample"),
            MessageWriter.SessionLine(
                when: "by Tuesday 17 February 2027, 15:00 (Africa/Lagos, UTC+01:00)", title: "Data diary",
                note: "offline exercise", join: nil),
        ]
        return MessageWriter.Model(
            name: "Amina Okafor", series: "Data Storytelling for Community Newsrooms", organization: "Sample network",
            website: "https://network.example.org",
            zone: "Africa/Lagos", sessions: sessions,
            calendarLink: "https://indaba.example.org/public/orgs/1/feeds/personal/SAMPLE/calendar.ics",
            session: "Finding and cleaning local data", when: sessions[0].when, inHours: "in 23 hours",
            covered: "Where local data lives; Spreadsheet clean-up",
            unsubscribe: "https://indaba.example.org/unsubscribe/SAMPLE",
            next: MessageWriter.NextModel(sessions: [sessions[0]]))
    }()
}
