import Foundation
import Yams

/// Reading a definition file into a ``NetworkDocument``, reporting every problem with file, line and field.
extension NetworkDocument {
    /// Reads and checks a definition file's text; nothing touches the database.
    /// - Parameters:
    ///   - text: The file's YAML.
    ///   - file: The name to use in messages.
    ///   - registry: The installed plugins, to check plugin ids and settings.
    /// - Throws: ``ImportError`` listing every problem found.
    public static func read(_ text: String, file: String, registry: PluginRegistry) throws -> NetworkDocument {
        let log = IssueLog(file: file)
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                log.add(SourceLocation(line: 1, column: 1, field: "(file)"), "is empty; see docs/yaml-format.md")
                throw ImportError(file: file, issues: log.issues)
            }
            root = node
        } catch let error as YamlError {
            var location = Self.location(of: error)
            if case let .duplicatedKeysInMapping(duplicates, _) = error, let key = duplicates.first,
                let line = Self.lineOfRepeatedKey(key, in: text)
            {
                location = SourceLocation(line: line, column: 1, field: "(syntax)")
            }
            log.add(location, "is not valid YAML: \(Self.problem(of: error))")
            throw ImportError(file: file, issues: log.issues)
        }
        let reader = DocumentReader(log: log, registry: registry)
        let document = reader.read(root)
        if let document { DocumentChecks(log: log).check(document) }
        try log.throwIfAny()
        return document!
    }

    /// The line where `key` appears a second time in one block mapping (same indentation, no shallower line
    /// between), since the parser reports only the mapping.
    private static func lineOfRepeatedKey(_ key: String, in text: String) -> Int? {
        var seenAtIndent: [Int: Bool] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix { $0 == " " }.count
            let content = line.dropFirst(indent)
            guard !content.isEmpty, !content.hasPrefix("#") else { continue }
            let item = content.hasPrefix("- ") ? content.dropFirst(2) : content
            let keyIndent = indent + (content.count - item.count)
            seenAtIndent = seenAtIndent.filter {
                $0.key < keyIndent || ($0.key == keyIndent && !content.hasPrefix("- "))
            }
            if item.hasPrefix(key + ":") {
                if seenAtIndent[keyIndent] == true { return number + 1 }
                seenAtIndent[keyIndent] = true
            }
        }
        return nil
    }

    private static func location(of error: YamlError) -> SourceLocation {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            SourceLocation(line: mark.line, column: mark.column, field: "(syntax)")
        case let .duplicatedKeysInMapping(_, context):
            SourceLocation(line: context.mark.line, column: context.mark.column, field: "(syntax)")
        default:
            SourceLocation(line: 1, column: 1, field: "(syntax)")
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _),
            let .composer(context, problem, _, _):
            [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        case let .reader(problem, _, _, _):
            problem
        case let .duplicatedKeysInMapping(duplicates, _):
            "the key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) appears twice in one mapping; keep one"
        default:
            String(describing: error)
        }
    }
}

/// Turns YAML nodes into document entries, logging what is wrong with each field.
private struct DocumentReader {
    let log: IssueLog
    let registry: PluginRegistry

    func read(_ root: Node) -> NetworkDocument? {
        guard let top = YAMLMapping(root, path: "", keys: ["format", "network"], log: log) else { return nil }
        _ = top.string("format") { $0 == NetworkDocument.format ? nil : "must be \(NetworkDocument.format)" }
        guard let networkNode = top.node("network") else {
            log.add(top.fieldLocation("network"), "is required")
            return nil
        }
        return organization(networkNode, path: "network", isNetwork: true).map(NetworkDocument.init(network:))
    }

    private func organization(_ node: Node, path: String, isNetwork: Bool) -> NetworkDocument.OrganizationEntry? {
        var keys = ["slug", "name", "country", "timeZone", "website", "plugins", "people", "programmes"]
        if isNetwork { keys.append("members") }
        guard let map = YAMLMapping(node, path: path, keys: keys, log: log) else { return nil }
        let slug = map.string("slug", check: slugProblem)
        let name = map.string("name") { FieldRules.nameProblem($0) }
        let country = map.string("country", check: FieldRules.countryProblem)
        let timeZone = map.string("timeZone", check: FieldRules.timeZoneProblem)
        let website = map.string("website", required: false, check: FieldRules.webURLProblem)
        let plugins = map.list("plugins").compactMap { plugin($0.node, path: $0.path) }
        let people = map.list("people").compactMap { person($0.node, path: $0.path) }
        let programmes = map.list("programmes").compactMap { programme($0.node, path: $0.path) }
        let members = map.list("members").compactMap { organization($0.node, path: $0.path, isNetwork: false) }
        guard let slug, let name, let country, let timeZone else { return nil }
        return .init(
            location: map.location, slug: slug, name: name, country: country, timeZone: timeZone, website: website,
            plugins: plugins, people: people, programmes: programmes, members: members)
    }

    private func plugin(_ node: Node, path: String) -> NetworkDocument.PluginEntry? {
        guard let map = YAMLMapping(node, path: path, keys: ["id", "settings"], log: log) else { return nil }
        guard let id = map.string("id").map({ PluginID($0) }) else { return nil }
        guard let type = registry.plugin(id) else {
            log.add(map.fieldLocation("id"), "no installed plugin has the id '\(id)'; see `indaba plugin list`")
            return nil
        }
        let settings = map.jsonObject("settings")
        do {
            _ = try SettingsCodec.merge(settings, onto: nil, for: type.settings, plugin: id)
        } catch {
            log.add(map.fieldLocation("settings"), "\(error)")
        }
        return .init(location: map.location, id: id, settings: settings)
    }

    private func person(_ node: Node, path: String) -> NetworkDocument.PersonEntry? {
        let keys = ["email", "name", "consent", "gender", "attributes"]
        guard let map = YAMLMapping(node, path: path, keys: keys, log: log) else { return nil }
        let email = map.string("email", check: FieldRules.emailProblem)
        let name = map.string("name") { FieldRules.nameProblem($0) }
        let consent = map.boolean("consent") ?? false
        let gender = map.string("gender", required: false) { FieldRules.textProblem($0, limit: 100) }
        let attributes = map.stringMap("attributes")
        if !consent, gender != nil || !attributes.isEmpty {
            log.add(map.fieldLocation("consent"), "gender and attributes are stored only with consent: true")
        }
        guard let email, let name else { return nil }
        return .init(
            location: map.location, email: email, name: name, consent: consent, gender: gender, attributes: attributes)
    }

    private func programme(_ node: Node, path: String) -> NetworkDocument.ProgrammeEntry? {
        guard let map = YAMLMapping(node, path: path, keys: ["slug", "title", "summary", "series"], log: log)
        else { return nil }
        let slug = map.string("slug", check: slugProblem)
        let title = map.string("title") { FieldRules.textProblem($0) }
        let summary = map.string("summary", required: false) ?? ""
        let series = map.list("series").compactMap { self.series($0.node, path: $0.path) }
        guard let slug, let title else { return nil }
        return .init(location: map.location, slug: slug, title: title, summary: summary, series: series)
    }

    private func series(_ node: Node, path: String) -> NetworkDocument.SeriesEntry? {
        let keys = [
            "slug", "title", "summary", "status", "timeZone", "objectives", "roles", "enrolments", "sessions", "quotes",
        ]
        guard let map = YAMLMapping(node, path: path, keys: keys, log: log) else { return nil }
        let slug = map.string("slug", check: slugProblem)
        let title = map.string("title") { FieldRules.textProblem($0) }
        let status: WebinarSeries.Status? = map.choice("status")
        let timeZone = map.string("timeZone", check: FieldRules.timeZoneProblem)
        let roles = map.list("roles").compactMap { role($0.node, path: $0.path) }
        let enrolments = map.list("enrolments").compactMap { enrolment($0.node, path: $0.path) }
        let zone = timeZone.flatMap(TimeZone.init(identifier:))
        let sessions = map.list("sessions").compactMap { session($0.node, path: $0.path, seriesZone: zone) }
        let quotes = map.list("quotes").compactMap { quote($0.node, path: $0.path) }
        guard let slug, let title, let status, let timeZone else { return nil }
        return .init(
            location: map.location, slug: slug, title: title, summary: map.string("summary", required: false) ?? "",
            status: status, timeZone: timeZone, objectives: map.strings("objectives"), roles: roles,
            enrolments: enrolments, sessions: sessions, quotes: quotes)
    }

    private func quote(_ node: Node, path: String) -> NetworkDocument.QuoteEntry? {
        guard let map = YAMLMapping(node, path: path, keys: ["text", "attribution", "consent"], log: log) else {
            return nil
        }
        let text = map.string("text") { FieldRules.textProblem($0, limit: 1000) }
        let attribution = map.string("attribution", required: false) { FieldRules.textProblem($0, limit: 200) }
        guard let text else { return nil }
        return .init(
            location: map.fieldLocation("text"), text: text, attribution: attribution,
            consent: map.boolean("consent") ?? false)
    }

    private func role(_ node: Node, path: String) -> NetworkDocument.RoleEntry? {
        guard let map = YAMLMapping(node, path: path, keys: ["person", "role"], log: log) else { return nil }
        let person = map.string("person", check: FieldRules.emailProblem)
        let role: SeriesRole.Role? = map.choice("role")
        guard let person, let role else { return nil }
        return .init(location: map.fieldLocation("person"), person: person, role: role)
    }

    private func enrolment(_ node: Node, path: String) -> NetworkDocument.EnrolmentEntry? {
        guard let map = YAMLMapping(node, path: path, keys: ["person", "at", "channel"], log: log) else { return nil }
        let person = map.string("person", check: FieldRules.emailProblem)
        let at = instant(map, "at")
        let channel = map.string("channel") { FieldRules.textProblem($0, limit: 64) }
        guard let person, let at, let channel else { return nil }
        return .init(location: map.fieldLocation("person"), person: person, at: at, channel: channel)
    }

    private func session(_ node: Node, path: String, seriesZone: TimeZone?) -> NetworkDocument.SessionEntry? {
        let keys = [
            "slug", "title", "kind", "starts", "ends", "timeZone", "joinUrl", "status", "agenda", "description",
            "attendance", "submissions",
        ]
        guard let map = YAMLMapping(node, path: path, keys: keys, log: log) else { return nil }
        let slug = map.string("slug", check: slugProblem)
        let title = map.string("title") { FieldRules.textProblem($0) }
        let kind: Session.Kind? = map.choice("kind")
        let timeZone = map.string("timeZone", required: false, check: FieldRules.timeZoneProblem)
        let zone = timeZone.flatMap(TimeZone.init(identifier:)) ?? seriesZone
        let starts = zone.flatMap { localTime(map, "starts", in: $0) }
        let ends = zone.flatMap { localTime(map, "ends", in: $0) }
        if let starts, let ends, ends <= starts {
            log.add(map.fieldLocation("ends"), "must be after starts")
        }
        let joinURL = map.string("joinUrl", required: false, check: FieldRules.webURLProblem)
        let status: Session.Status = map.choice("status", required: false) ?? .scheduled
        let description = map.string("description", required: false, check: Session.descriptionProblem) ?? ""
        let attendance = map.list("attendance").compactMap { self.attendance($0.node, path: $0.path) }
        let submissions = map.list("submissions").compactMap { submission($0.node, path: $0.path) }
        if kind == .offlineExercise {
            if joinURL != nil { log.add(map.fieldLocation("joinUrl"), "an offline exercise has no join URL") }
            if !attendance.isEmpty {
                log.add(map.fieldLocation("attendance"), "an offline exercise takes submissions, not attendance")
            }
        } else if kind != nil, !submissions.isEmpty {
            log.add(map.fieldLocation("submissions"), "only offlineExercise sessions take submissions")
        }
        guard let slug, let title, let kind, let starts, let ends, ends > starts else { return nil }
        return .init(
            location: map.location, slug: slug, title: title, kind: kind, startsAt: starts, endsAt: ends,
            timeZone: timeZone, joinURL: joinURL, status: status, agenda: map.strings("agenda"),
            description: description, attendance: attendance, submissions: submissions)
    }

    private func attendance(_ node: Node, path: String) -> NetworkDocument.AttendanceEntry? {
        let keys = ["person", "status", "minutes", "source"]
        guard let map = YAMLMapping(node, path: path, keys: keys, log: log) else { return nil }
        let person = map.string("person", check: FieldRules.emailProblem)
        let status: Attendance.Status? = map.choice("status")
        let minutes = map.integer("minutes", in: 0...1440) ?? 0
        let source: Attendance.Source = map.choice("source", required: false) ?? .manual
        guard let person, let status else { return nil }
        return .init(
            location: map.fieldLocation("person"), person: person, status: status, minutes: minutes, source: source)
    }

    private func submission(_ node: Node, path: String) -> NetworkDocument.SubmissionEntry? {
        guard let map = YAMLMapping(node, path: path, keys: ["person", "at", "link", "note"], log: log)
        else { return nil }
        let person = map.string("person", check: FieldRules.emailProblem)
        let at = instant(map, "at")
        let link = map.string("link", required: false, check: FieldRules.webURLProblem)
        guard let person, let at else { return nil }
        return .init(
            location: map.fieldLocation("person"), person: person, at: at, link: link,
            note: map.string("note", required: false))
    }

    private func instant(_ map: YAMLMapping, _ key: String) -> Date? {
        guard let text = map.string(key) else { return nil }
        switch TimeFormats.instant(text) {
        case let .success(date): return date
        case let .failure(error):
            log.add(map.fieldLocation(key), error.description)
            return nil
        }
    }

    private func localTime(_ map: YAMLMapping, _ key: String, in zone: TimeZone) -> Date? {
        guard let text = map.string(key) else { return nil }
        switch TimeFormats.localTime(text, in: zone) {
        case let .success(date): return date
        case let .failure(error):
            log.add(map.fieldLocation(key), error.description)
            return nil
        }
    }

    private func slugProblem(_ text: String) -> String? {
        Slug.isValid(text) ? nil : "'\(text)' is not a valid slug; \(Slug.rule)"
    }
}
