import Foundation
import GRDB
import Hummingbird
import Kernel
import Logging
import PluginKit

/// `/orgs/{org}/retention/gender-groups` (administrators): the self-descriptions of the people enrolled in the
/// organization's series (and, for a network, its members'), normalised, each with the report group it falls in and
/// why, and a choice to change it. Saved as the `genderGroups` setting through the kernel, so every change is in the
/// audit log; people's own words never change, and no person is named.
struct GenderGroupsPage {
    let plugin: RetentionPlugin

    /// What the administrator can choose for a term: the built-in reading, or one group, in `t`'s language.
    static func choices(_ t: Localizer) -> [(value: String, label: String)] {
        [("builtIn", t("Built-in reading"))] + GenderGroup.allCases.map { ($0.rawValue, $0.label(in: t)) }
    }

    func show(_ page: PageRequest) async throws -> PageResponse {
        try page.context.scope.requireAdministration(of: page.organization.id!)
        let t = page.localizer
        return .page(try await list(page, notice: page.query("saved") == nil ? nil : t("Saved.")))
    }

    func save(_ page: PageRequest) async throws -> PageResponse {
        let organization = page.organization.id!
        try page.context.scope.requireAdministration(of: organization)
        let t = page.localizer
        var mapping = try await plugin.settings(for: organization).genderGroups
            .reduce(into: [String: String]()) { $0[GenderGroup.normalize($1.key)] = $1.value }
        var index = 0
        while !page.form["term-\(index)"].isEmpty {
            let term = GenderGroup.normalize(page.form["term-\(index)"])
            let choice = page.form["group-\(index)"]
            if GenderGroup(rawValue: choice) != nil {
                mapping[term] = choice
            } else if choice == "builtIn" {
                mapping[term] = nil
            } else {
                return .page(
                    try await list(page, notice: nil, error: t("Choose a group for every self-description.")),
                    status: .unprocessableContent)
            }
            index += 1
        }
        let object = JSONValue.object(mapping.mapValues { JSONValue.string($0) })
        let registry = try PluginRegistry(installing: [RetentionPlugin.self])
        try await plugin.context.write(as: page.actor) { transaction in
            try transaction.changeSettings(
                of: RetentionPlugin.id, for: organization, ["genderGroups": object], registry: registry)
        }
        plugin.context.logger.info(
            "Gender groups saved from the web",
            metadata: ["organization.id": "\(organization.rawValue)", "terms": "\(mapping.count)"])
        return .redirect("gender-groups?saved=1")
    }

    private func list(_ page: PageRequest, notice: String?, error: String? = nil) async throws -> PageContent {
        let organization = page.organization
        let settings = try await plugin.settings(for: organization.id!)
        let stored = try await plugin.context.store.read { db in
            let covered = try RetentionQueries.organizationsCovered(by: organization, in: db)
            return try ParticipationQueries.storedGenders(
                ofPeopleEnrolledIn: SeriesOwnership.seriesIds(ownedBy: covered, in: db), in: db)
        }
        let mapping = settings.genderMapping
        let t = page.localizer
        let choices = Self.choices(t)
        let terms = Array(Set(stored.map(GenderGroup.normalize)).union(mapping.keys)).filter { !$0.isEmpty }.sorted()
        let rows: [HTML] = terms.enumerated().map { index, term in
            let current = GenderGroup(selfDescribed: term, mapping: mapping)
            let reason =
                mapping[term] != nil
                ? t("your choice") : GenderGroup.builtIn(term) != nil ? t("built-in word") : t("not a known word")
            let chosen = mapping[term]?.rawValue ?? "builtIn"
            let options: [HTML] = choices.map { choice in
                let selected: HTML = choice.value == chosen ? " selected" : ""
                return "<option value=\"\(choice.value)\"\(selected)>\(choice.label)</option>"
            }
            return """
                <tr><th scope="row"><bdi>\(term)</bdi><input type="hidden" name="term-\(index)" value="\(term)"></th>\
                <td class="text">\(current.label(in: t)) <span class="note">(\(reason))</span></td>\
                <td class="text"><label for="group-\(index)">\(t("Group for “{term}”", ["term": term]))</label> \
                <select id="group-\(index)" name="group-\(index)">\(options)</select></td></tr>
                """
        }
        let message: HTML =
            error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" }
            ?? notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>" } ?? ""
        guard !terms.isEmpty else {
            return PageContent(
                title: t("Gender groups"),
                body: "\(message)<p>\(t("Nobody enrolled in your series has described their gender yet."))</p>")
        }
        let lead = t(
            "Reports count self-described genders in four groups: women, men, another gender and not stated. Each "
                + "self-description below (as people wrote it, ignoring case, accents, punctuation and a leading "
                + "article) is read with built-in words in English, French, Portuguese, Arabic and Swahili. Where the "
                + "reading is wrong for your community, choose the group. People's own words never change; every "
                + "change is recorded in the audit log.")
        return PageContent(
            title: t("Gender groups"),
            body: """
                \(message)
                <p class="lead">\(lead)</p>
                <form method="post" action="\(page.basePath)gender-groups" class="stacked">\(page.formField(for: "\(page.basePath)gender-groups"))
                <div class="scroll"><table><caption>\(t("Self-descriptions and their report groups"))</caption>
                <thead><tr><th scope="col">\(t("Self-description"))</th><th scope="col">\(t("Group now"))</th>\
                <th scope="col">\(t("Change to"))</th></tr></thead>
                <tbody>\(rows)</tbody></table></div>
                <p><button type="submit">\(t("Save"))</button></p>
                </form>
                """)
    }
}
