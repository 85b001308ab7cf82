import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Kernel
import PluginKit

/// The certificate settings an administrator edits without JSON: each series' eligibility rule as a form (minimum
/// sessions, required kinds, required sessions), and the organization's logo as an upload kept by Indaba.
struct CertificatesSettingsPage {
    let plugin: CertificatesPlugin

    /// A series with its rule, if it has one.
    private struct Row {
        let series: WebinarSeries
        let path: String
        let rule: EligibilityRule?
    }

    func show(_ page: PageRequest) async throws -> PageResponse {
        try page.context.scope.requireAdministration(of: page.organization.id!)
        let t = page.localizer
        let notice: HTML = page.query("saved") != nil ? "<p class=\"notice\" role=\"status\">\(t("Saved."))</p>" : ""
        return .page(try await content(page, notice: notice, errors: [:]))
    }

    /// Saves the rule of one series from its form: an empty minimum removes the rule.
    func saveRule(_ page: PageRequest) async throws -> PageResponse {
        let organization = page.organization.id!
        let t = page.localizer
        try page.context.scope.requireAdministration(of: organization)
        guard let id = page.context.parameters.get("series", as: Int64.self) else {
            throw AccessError.notFound(entity: "series", id: 0)
        }
        let row = try await rows(organization).first { $0.series.id!.rawValue == id }
        guard let row else { throw AccessError.notFound(entity: "series", id: id) }
        let minimum = page.form["minimumSessions"].trimmingCharacters(in: .whitespaces)
        var rules = try await plugin.settings(for: organization).rules.filter {
            !($0.series == row.path || $0.series == "\(id)")
        }
        if !minimum.isEmpty {
            guard let count = Int(minimum), (1...100).contains(count) else {
                return .page(
                    try await content(
                        page, notice: "", errors: [id: t("Give a whole number of sessions from 1 to 100.")]),
                    status: .unprocessableContent)
            }
            let kinds = Session.Kind.allCases.filter { page.form.isChecked("kind-\($0.rawValue)") }
            let sessions = page.form["requiredSessions"].split { $0 == "," || $0 == " " }.map(String.init)
            let rule = EligibilityRule(
                series: row.path, minimumSessions: count, requiredKinds: kinds, requiredSessions: sessions)
            // A rule the series cannot meet is refused here, where it is written, not when certificates are issued.
            let held = try await plugin.context.store.read { db in
                try SeriesParticipation.heldSessions(of: row.series.id!, in: db)
            }
            do {
                try Eligibility.check(rule, against: held, series: row.series.id!)
            } catch CertificatesError.ruleDoesNotFit(_, let reason) {
                let names = held.map(\.slug).joined(separator: ", ")
                let message = t(
                    "This rule does not fit the series: {reason}. Its sessions: {sessions}.",
                    ["reason": reason.worded(t), "sessions": names])
                return .page(try await content(page, notice: "", errors: [id: message]), status: .unprocessableContent)
            }
            rules.append(rule)
        }
        do {
            let encoded = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(rules))
            try await plugin.context.write(as: page.actor) { transaction in
                try transaction.changeSettings(
                    of: CertificatesPlugin.id, typed: CertificatesSettings.self, for: organization, ["rules": encoded])
            }
        } catch let error as SettingsError {
            return .page(
                try await content(page, notice: "", errors: [id: error.worded(page.localizer)]),
                status: .unprocessableContent)
        }
        return .redirect("settings?saved")
    }

    /// Uploads (or, with `remove`, removes) the organization's logo.
    func saveLogo(_ page: PageRequest) async throws -> PageResponse {
        let organization = page.organization.id!
        let t = page.localizer
        try page.context.scope.requireAdministration(of: organization)
        let png: Data?
        if page.form.isChecked("remove") {
            png = nil
        } else {
            guard let file = page.form.file("logo") else {
                return .page(
                    try await content(page, notice: "", errors: [0: t("Choose a PNG file.")]),
                    status: .unprocessableContent)
            }
            png = file.data
        }
        do {
            try await plugin.setLogo(png, organization: organization, actor: page.actor)
        } catch let error as CertificatesError {
            return .page(
                try await content(page, notice: "", errors: [0: error.worded(page.localizer)]),
                status: .unprocessableContent)
        }
        return .redirect("settings?saved")
    }

    private func rows(_ organization: Organization.ID) async throws -> [Row] {
        let settings = try await plugin.settings(for: organization)
        return try await plugin.context.store.read { db in
            try OrganizationSeries.series(runBy: organization, in: db).map { series in
                let path = try Lookup.path(of: series, in: db)
                return Row(series: series, path: path, rule: settings.rule(forPath: path, id: series.id!))
            }
        }
    }

    /// The page; `errors` by series id (0: the logo), each shown by its form.
    private func content(_ page: PageRequest, notice: HTML, errors: [Int64: String]) async throws -> PageContent {
        let organization = page.organization.id!
        let rows = try await rows(organization)
        let hasLogo = try await plugin.context.store.read { db in
            try CertificateLogos.png(of: organization, in: db) != nil
        }
        let forms: [HTML] = rows.map { rule($0, page: page, error: errors[$0.series.id!.rawValue]) }
        let t = page.localizer
        let logo =
            hasLogo
            ? t("A logo is uploaded; it is printed above the organization's name.") : t("No logo.")
        return PageContent(
            title: t("Certificate settings"),
            body: """
                \(notice)
                <h2>\(t("Eligibility rules"))</h2>
                <p>\(t("A series without a minimum has no certificates. Cancelled sessions never count."))</p>
                \(forms)
                <h2>\(t("Logo"))</h2>
                <p>\(logo) \(t("Certificates already issued keep the file they were issued as."))</p>
                <form method="post" action="\(page.basePath)settings/logo" enctype="multipart/form-data" \
                class="stacked">\(page.formField(for: "\(page.basePath)settings/logo"))
                \(field(label: t("PNG image, at most 1 MB"), id: "logo", error: errors[0], control: """
                    <input type="file" id="logo" name="logo" accept="image/png"\
                    \(errors[0] == nil ? "" : HTML(" aria-invalid=\"true\" aria-describedby=\"logo-error\""))>
                    """))
                <div class="check"><input type="checkbox" id="remove" name="remove" value="yes"> \
                <label for="remove">\(t("Remove the logo"))</label></div>
                <p><button type="submit">\(t("Save the logo"))</button></p></form>
                """)
    }

    private func rule(_ row: Row, page: PageRequest, error: String?) -> HTML {
        let id = row.series.id!.rawValue
        let t = page.localizer
        let kinds: [HTML] = Session.Kind.allCases.map { kind in
            let checked: HTML = row.rule?.requiredKinds.contains(kind) == true ? " checked" : ""
            let label =
                switch kind {
                case .live: t("every live session")
                case .offlineExercise: t("the offline exercise")
                case .feedback: t("the feedback session")
                }
            return """
                <div class="check"><input type="checkbox" id="kind-\(kind.rawValue)-\(id)" \
                name="kind-\(kind.rawValue)" value="yes"\(checked)> \
                <label for="kind-\(kind.rawValue)-\(id)">\(label)</label></div>
                """
        }
        let invalid: HTML = error == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"minimum-\(id)-error\""
        return """
            <form method="post" action="\(page.basePath)settings/rules/\(id)" class="stacked">\(page.formField(for: "\(page.basePath)settings/rules/\(id)"))
            <h3><bdi>\(row.series.title)</bdi></h3>
            \(field(label: t("Minimum sessions completed (empty: no certificates)"), id: "minimum-\(id)", error: error,
                control: """
                    <input type="number" id="minimum-\(id)" name="minimumSessions" min="1" max="100" \
                    value="\(row.rule.map { "\($0.minimumSessions)" } ?? "")"\(invalid)>
                    """))
            <fieldset><legend>\(t("Including"))</legend>\(kinds)</fieldset>
            \(field(label: t("Sessions that must be completed (slugs, comma-separated)"), id: "sessions-\(id)", error: nil,
                control: """
                    <input type="text" id="sessions-\(id)" name="requiredSessions" \
                    value="\(row.rule?.requiredSessions.joined(separator: ", ") ?? "")">
                    """))
            <p><button type="submit">\(t("Save the rule"))</button></p></form>
            """
    }

    /// A labelled field with its error right below the label.
    private func field(label: String, id: String, error: String?, control: HTML) -> HTML {
        let message: HTML = error.map { "<p class=\"error\" id=\"\(id)-error\" role=\"alert\">\($0)</p>" } ?? ""
        return "<div class=\"field\"><label for=\"\(id)\">\(label)</label>\(message)\(control)</div>"
    }
}
