import Kernel
import Mustache
import Synchronization

/// The built-in wording of every message, as Mustache templates: a subject, a plain-text body and an HTML body
/// per kind. Text templates insert values as they are (`{{{…}}}`); HTML templates escape them (`{{…}}`).
///
/// The built-in wording marks what translators translate as `{{#t}}…{{/t}}` (``Kernel/Localizer/
/// translatingSections(of:)``); each language the messages are written in gets its own compiled copy, made when
/// first needed. An organization may replace any template (see ``TemplateOverrides``): its wording then goes out in
/// every language, as written; what it did not replace stays built in, in each recipient's language.
final class MessageTemplates: Sendable {
    private let overrides: [String: String]
    private let translations: Translations
    private let libraries = Mutex<[Language: MustacheLibrary]>([:])

    /// The built-in templates, with `overrides` (template name → text) in their place.
    init(overrides: [String: String] = [:], translations: Translations = MessagesPlugin.translations) {
        self.overrides = overrides
        self.translations = translations
    }

    /// Renders template `name` with `model`, in `language`.
    func render(_ name: String, _ model: Any, in language: Language = .english) -> String {
        library(language).render(model, withTemplate: name) ?? ""
    }

    /// The HTML part of a message rendered from template `name`, in a block that tells mail clients its language and
    /// direction (Arabic reads right to left), whatever an organization's own template holds.
    func renderHTML(_ name: String, _ model: Any, in language: Language) -> String {
        "<div lang=\"\(language.code)\" dir=\"\(language.direction)\">\(render(name, model, in: language))</div>"
    }

    /// What speaks `language` in these messages.
    func localizer(for language: Language) -> Localizer {
        translations.localizer(for: language)
    }

    /// The built-in text of template `name` in `language`, as an organization would start changing it.
    static func builtIn(_ name: String, in localizer: Localizer) -> String? {
        builtIn(name).map { localizer.translatingSections(of: $0) }
    }

    private func library(_ language: Language) -> MustacheLibrary {
        libraries.withLock { libraries in
            if let library = libraries[language] { return library }
            let localizer = translations.localizer(for: language)
            var library = MustacheLibrary()
            for (name, text) in Self.all {
                let builtIn = localizer.translatingSections(of: text)
                do {
                    try library.register(Self.typed(name, overrides[name] ?? builtIn), named: name)
                } catch {
                    // An override is checked when it is saved; a built-in one by the tests. Either way, fall back.
                    try? library.register(Self.typed(name, builtIn), named: name)
                }
            }
            libraries[language] = library
            return library
        }
    }

    /// `text` as Mustache should read it: subjects and plain text as `TEXT` (nothing escaped), HTML as HTML.
    private static func typed(_ name: String, _ text: String) -> String {
        name.hasSuffix(".html") ? text : "{{% CONTENT_TYPE: TEXT}}" + text
    }

    /// What the Mustache parser found wrong with `text`, and where, in `t`'s language; `nil` when it is a usable
    /// template.
    static func problem(_ text: String, _ t: Localizer) -> String? {
        do {
            _ = try MustacheTemplate(string: text)
            return nil
        } catch let error as MustacheTemplate.ParserError {
            let what =
                switch error.error as? MustacheTemplate.Error {
                case .sectionCloseNameIncorrect?: t("a closing tag names another section than the one it closes")
                case .unfinishedName?: t("a tag is not finished: it needs its two closing braces")
                case .expectedSectionEnd?: t("a section is never closed")
                default: t("the parser cannot read it")
                }
            return t(
                "line {line}, column {column}: {problem}",
                [
                    "line": t.number(error.context.lineNumber), "column": t.number(error.context.columnNumber),
                    "problem": what,
                ])
        } catch {
            return t("the parser cannot read it")
        }
    }

    /// The kinds of message (their templates' names), with a label for staff in their language.
    static func kinds(_ t: Localizer) -> [(id: String, label: String)] {
        MessagesPlugin.messageKinds.map { name in
            // The label is a message of this module's catalogues, read where it is written.
            (String(name.kind.dropFirst("messages.".count)), t.callAsFunction(name.label))
        }
    }

    /// The built-in text of template `name`.
    static func builtIn(_ name: String) -> String? {
        all.first { $0.0 == name }?.1
    }

    private static let sessionsText = """
        {{#sessions}}
        - {{when}}: {{title}}{{#note}} ({{note}}){{/note}}
        {{#join}}
          {{#t}}Join:{{/t}} {{join}}
        {{/join}}
        {{/sessions}}
        """

    private static let sessionsHTML = """
        <ul>{{#sessions}}<li><strong>{{when}}</strong>: {{title}}{{#note}} ({{note}}){{/note}}\
        {{#join}}<br><a href="{{join}}">{{#t}}Join the session{{/t}}</a>{{/join}}</li>{{/sessions}}</ul>
        """

    private static let footerText = """
        --
        {{organization}} · {{#t}}sent by Indaba{{/t}}
        {{#unsubscribe}}
        {{#t}}Stop reminders and follow-ups (one click):{{/t}} {{unsubscribe}}
        {{/unsubscribe}}
        """

    private static let footerHTML = """
        <hr><p style="color:#555;font-size:90%">{{organization}} · {{#t}}sent by Indaba{{/t}}\
        {{#unsubscribe}}<br><a href="{{unsubscribe}}">{{#t}}Stop reminders and follow-ups{{/t}}</a>{{/unsubscribe}}</p>
        """

    private static let hello = "{{#t}}Hello {{name}},{{/t}}"

    /// The built-in templates. Plain-text ones (subjects and `.text`) are registered as Mustache `TEXT`, so
    /// `{{value}}` is inserted as it is there and escaped only in HTML: one sentence, one message to translate.
    static let all: [(String, String)] = [
        ("confirmation.subject", "{{#t}}You are enrolled: {{series}}{{/t}}"),
        (
            "confirmation.text",
            """
            \(hello)

            {{#t}}You are enrolled in {{series}}, run by {{organization}}. The sessions (times in {{zone}}):{{/t}}

            \(sessionsText)

            {{#calendarLink}}
            {{#t}}Your private calendar holds these sessions, and those of every series you join, with their join \
            links. Subscribe to it in your calendar app (keep the address to yourself):{{/t}}
            {{calendarLink}}
            {{/calendarLink}}
            {{^calendarLink}}{{#t}}The attached invitation adds the sessions to your calendar.{{/t}}{{/calendarLink}}

            {{#t}}How to join: open the join link of a session a few minutes before it starts.{{/t}}
            {{#t}}To unenrol, or if anything is unclear, contact {{contact}}.{{/t}}

            \(footerText)
            """
        ),
        (
            "confirmation.html",
            """
            <p>\(hello)</p>
            <p>{{#t}}You are enrolled in {{series}}, run by {{organization}}. The sessions (times in {{zone}}):{{/t}}</p>
            \(sessionsHTML)
            {{#calendarLink}}<p>{{#t}}Your private calendar holds these sessions, and those of every series you join, \
            with their join links. Subscribe to it in your calendar app (keep the address to yourself):{{/t}} \
            <a href="{{calendarLink}}">{{calendarLink}}</a></p>{{/calendarLink}}
            {{^calendarLink}}<p>{{#t}}The attached invitation adds the sessions to your calendar.{{/t}}</p>\
            {{/calendarLink}}
            <p>{{#t}}How to join: open the join link of a session a few minutes before it starts.{{/t}} \
            {{#t}}To unenrol, or if anything is unclear, contact {{contact}}.{{/t}}</p>
            \(footerHTML)
            """
        ),
        ("update.subject", "{{#t}}Changed: {{session}} ({{series}}){{/t}}"),
        (
            "update.text",
            """
            \(hello)

            {{#t}}{{session}} of {{series}} has moved. It now takes place:{{/t}}

            \(sessionsText)

            {{#t}}The attached update moves it in your calendar.{{/t}}

            \(footerText)
            """
        ),
        (
            "update.html",
            """
            <p>\(hello)</p><p>{{#t}}{{session}} of {{series}} has moved. It now takes place:{{/t}}</p>
            \(sessionsHTML)<p>{{#t}}The attached update moves it in your calendar.{{/t}}</p>
            \(footerHTML)
            """
        ),
        ("cancellation.subject", "{{#t}}Cancelled: {{session}} ({{series}}){{/t}}"),
        (
            "cancellation.text",
            """
            \(hello)

            {{#t}}{{session}} of {{series}}, planned for {{when}}, is cancelled.{{/t}}
            {{#t}}The attached cancellation removes it from your calendar. The other sessions of the series are \
            unchanged.{{/t}}

            \(footerText)
            """
        ),
        (
            "cancellation.html",
            """
            <p>\(hello)</p><p>{{#t}}{{session}} of {{series}}, planned for {{when}}, is cancelled.{{/t}} \
            {{#t}}The attached cancellation removes it from your calendar. The other sessions of the series are \
            unchanged.{{/t}}</p>
            \(footerHTML)
            """
        ),
        ("reminder.subject", "{{#t}}Reminder: {{session}}, {{when}}{{/t}}"),
        (
            "reminder.text",
            """
            \(hello)

            {{#t}}{{session}} of {{series}} starts {{when}} ({{inHours}}).{{/t}}

            \(sessionsText)

            \(footerText)
            """
        ),
        (
            "reminder.html",
            """
            <p>\(hello)</p><p>{{#t}}{{session}} of {{series}} starts {{when}} ({{inHours}}).{{/t}}</p>
            \(sessionsHTML)
            \(footerHTML)
            """
        ),
        ("exercise.subject", "{{#t}}Reminder: {{session}} is due {{when}}{{/t}}"),
        (
            "exercise.text",
            """
            \(hello)

            {{#t}}The exercise {{session}} of {{series}} is due {{when}} ({{inHours}}).{{/t}}
            {{#t}}Hand it in to the facilitators as they asked; if you already did, thank you, and ignore this \
            message.{{/t}}

            \(footerText)
            """
        ),
        (
            "exercise.html",
            """
            <p>\(hello)</p><p>{{#t}}The exercise {{session}} of {{series}} is due {{when}} ({{inHours}}).{{/t}} \
            {{#t}}Hand it in to the facilitators as they asked; if you already did, thank you, and ignore this \
            message.{{/t}}</p>
            \(footerHTML)
            """
        ),
        ("followUp.subject", "{{#t}}We missed you at {{session}}{{/t}}"),
        (
            "followUp.text",
            """
            \(hello)

            {{#t}}We missed you at {{session}} of {{series}}.{{/t}}\
            {{#covered}} {{#t}}It covered: {{covered}}.{{/t}}{{/covered}}
            {{#t}}To catch up, contact {{contact}}: the facilitators will tell you what to read or watch.{{/t}}
            {{#next}}

            {{#t}}The next session:{{/t}}

            \(sessionsText)
            {{/next}}

            \(footerText)
            """
        ),
        (
            "followUp.html",
            """
            <p>\(hello)</p><p>{{#t}}We missed you at {{session}} of {{series}}.{{/t}}\
            {{#covered}} {{#t}}It covered: {{covered}}.{{/t}}{{/covered}}</p>\
            <p>{{#t}}To catch up, contact {{contact}}: the facilitators will tell you what to read or watch.{{/t}}</p>
            {{#next}}<p>{{#t}}The next session:{{/t}}</p>\(sessionsHTML){{/next}}
            \(footerHTML)
            """
        ),
    ]
}
