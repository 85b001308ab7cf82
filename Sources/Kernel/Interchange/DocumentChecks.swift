/// Checks a document as a whole once its fields are read: what must be unique is unique.
///
/// References to people not listed in the file are left to the import, which looks them up in the database.
struct DocumentChecks {
    let log: IssueLog

    func check(_ document: NetworkDocument) {
        let network = document.network
        unique(network.members, key: \.slug, what: "member slug")
        let people = ([network] + network.members).flatMap(\.people)
        unique(people, key: { FieldRules.emailKey($0.email) }, what: "e-mail")
        for organization in [network] + network.members {
            unique(organization.plugins, key: \.id.rawValue, what: "plugin")
            unique(organization.programmes, key: \.slug, what: "programme slug")
            for programme in organization.programmes {
                unique(programme.series, key: \.slug, what: "series slug")
                programme.series.forEach(check)
            }
        }
    }

    private func check(_ series: NetworkDocument.SeriesEntry) {
        unique(series.sessions, key: \.slug, what: "session slug")
        unique(series.roles, key: { "\(FieldRules.emailKey($0.person)) \($0.role)" }, what: "role of this person")
        unique(series.enrolments, key: { FieldRules.emailKey($0.person) }, what: "enrolment of this person")
        unique(series.quotes, key: \.text, what: "quote")
        for session in series.sessions {
            unique(session.attendance, key: { FieldRules.emailKey($0.person) }, what: "attendance of this person")
            unique(session.submissions, key: { FieldRules.emailKey($0.person) }, what: "submission of this person")
        }
    }

    private func unique<Entry: Located>(_ entries: [Entry], key: (Entry) -> String, what: String) {
        var seen: [String: SourceLocation] = [:]
        for entry in entries {
            let value = key(entry)
            if let first = seen[value] {
                log.add(entry.location, "duplicate \(what): the same one is already at line \(first.line)")
            } else {
                seen[value] = entry.location
            }
        }
    }
}

/// An entry that knows where it was read from.
protocol Located {
    var location: SourceLocation { get }
}

extension NetworkDocument.OrganizationEntry: Located {}
extension NetworkDocument.PluginEntry: Located {}
extension NetworkDocument.PersonEntry: Located {}
extension NetworkDocument.ProgrammeEntry: Located {}
extension NetworkDocument.SeriesEntry: Located {}
extension NetworkDocument.RoleEntry: Located {}
extension NetworkDocument.EnrolmentEntry: Located {}
extension NetworkDocument.SessionEntry: Located {}
extension NetworkDocument.QuoteEntry: Located {}
extension NetworkDocument.AttendanceEntry: Located {}
extension NetworkDocument.SubmissionEntry: Located {}
