/// The audit log in plain words: actions (`series.created` reads "Series created") and actors (`token:3` reads by
/// the token's label and role). Ids, labels and roles only: never a person's name.
public enum AuditWording {
    /// Areas whose name does not read well split at its capitals.
    private static let areas: [String: String] = [
        "signInLink": "Sign-in link", "site": "Installation", "user": "User", "role": "Role",
    ]

    /// `action` in plain words: the area, then the verb split into words (`plugin.settingsChanged` reads "Plugin
    /// settings changed").
    public static func action(_ action: String) -> String {
        let parts = action.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return words(action).capitalizedFirst }
        let area = areas[parts[0]] ?? words(parts[0]).capitalizedFirst
        return area + " " + words(parts[1])
    }

    /// An area of actions in lower-case words, for "any … change" (`signInLink` reads "sign-in link").
    public static func area(_ area: String) -> String {
        (areas[area] ?? words(area)).lowercased() + " change"
    }

    /// `role` in plain words, in `t`'s language (`organizationAdmin` reads "organization admin").
    public static func role(_ role: AccessRole, _ t: Localizer = .english) -> String {
        switch role {
        case .networkCoordinator: t("network coordinator")
        case .organizationAdmin: t("organization admin")
        // Translators: a role: someone who runs a series' sessions and records attendance.
        case .facilitator: t("facilitator")
        }
    }

    /// How an actor reads, in `t`'s language: `cli:amina` as "amina (command line)", a token by its label and
    /// role, a browser session by its role (and the person id a facilitator acts as), anything else as written.
    public static func actor(
        _ actor: String, token: ApiToken? = nil, session: BrowserSession? = nil, _ t: Localizer = .english
    ) -> String {
        if actor.hasPrefix("cli:") { return t("{user} (command line)", ["user": String(actor.dropFirst(4))]) }
        if let token {
            var values = ["id": "\(token.id!)", "role": role(token.role, t)]
            guard !token.label.isEmpty else { return t("API token {id} ({role})", values) }
            values["label"] = token.label
            return t("API token {id} “{label}” ({role})", values)
        }
        if let session {
            var values = ["role": role(session.role, t), "session": "\(session.id!)"]
            guard let person = session.personId else { return t("Signed-in {role} (session {session})", values) }
            values["person"] = "\(person)"
            return t("Signed-in {role}, person {person} (session {session})", values)
        }
        switch actor {
        case "import": return t("Network file import")
        case "operator": return t("Operator (command line)")
        case "web:sign-in": return t("Sign-in page")
        case "web:sign-out": return t("Sign-out page")
        case "web:public-enrolment": return t("Public enrolment form")
        case "web:unsubscribe": return t("Unsubscribe page")
        case "web:participant-sign-in": return t("Participant sign-in page")
        case "web:participant-sign-out": return t("Participant sign-out page")
        default: return actor
        }
    }

    /// `camelCase` as lower-case words: `settingsChanged` → `settings changed`.
    static func words(_ name: String) -> String {
        var text = ""
        for character in name {
            if character.isUppercase {
                text += " " + character.lowercased()
            } else {
                text.append(character)
            }
        }
        return text
    }
}

extension String {
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
