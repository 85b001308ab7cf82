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

    /// A kind of actor (`cli:`, `token:`, `session:`, `web:`) in plain words.
    public static func actorKind(_ kind: String) -> String {
        switch kind {
        case "cli:": "command-line user"
        case "token:": "API token"
        case "session:": "signed-in user"
        case "web:": "public page"
        default: kind
        }
    }

    /// `role` in plain words (`organizationAdmin` reads "organization admin").
    public static func role(_ role: AccessRole) -> String { words(role.rawValue) }

    /// How an actor reads: `cli:amina` as "amina (command line)", a token by its label and role, a browser session
    /// by its role (and the person id a facilitator acts as), anything else as written.
    public static func actor(_ actor: String, token: ApiToken? = nil, session: BrowserSession? = nil) -> String {
        if actor.hasPrefix("cli:") { return "\(actor.dropFirst(4)) (command line)" }
        if let token {
            let label = token.label.isEmpty ? "" : " “\(token.label)”"
            return "API token \(token.id!)\(label) (\(role(token.role)))"
        }
        if let session {
            let person = session.personId.map { ", person \($0)" } ?? ""
            return "Signed-in \(role(session.role))\(person) (session \(session.id!))"
        }
        switch actor {
        case "import": return "Network file import"
        case "operator": return "Operator (command line)"
        case "web:sign-in": return "Sign-in page"
        case "web:sign-out": return "Sign-out page"
        case "web:public-enrolment": return "Public enrolment form"
        case "web:unsubscribe": return "Unsubscribe page"
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
