import Mustache

/// The built-in wording of every message, as Mustache templates: a subject, a plain-text body and an HTML body
/// per kind. Text templates insert values as they are (`{{{…}}}`); HTML templates escape them (`{{…}}`).
///
/// All built-in wording is here, in one place, for translators (a later change localises it). An organization may
/// replace any template (see ``TemplateOverrides``); what it did not replace stays built in.
struct MessageTemplates: Sendable {
    private let library: MustacheLibrary

    /// The built-in templates, with `overrides` (template name → text) in their place.
    init(overrides: [String: String] = [:]) {
        var library = MustacheLibrary()
        for (name, text) in Self.all {
            do {
                try library.register(overrides[name] ?? text, named: name)
            } catch {
                // An override is checked when it is saved; a built-in one by the tests. Either way, fall back.
                try? library.register(text, named: name)
            }
        }
        self.library = library
    }

    /// Renders template `name` with `model`.
    func render(_ name: String, _ model: Any) -> String {
        library.render(model, withTemplate: name) ?? ""
    }

    /// Why `text` is not a usable template, or `nil`.
    static func problem(_ text: String) -> String? {
        do {
            _ = try MustacheTemplate(string: text)
            return nil
        } catch {
            return "is not a valid Mustache template (\(error)); check that every {{#section}} has its {{/section}}"
        }
    }

    /// The kinds of message, with a label for staff.
    static let kinds: [(id: String, label: String)] = [
        ("confirmation", "Enrolment confirmation"), ("update", "Session moved"), ("cancellation", "Session cancelled"),
        ("reminder", "Reminder before a live session"), ("exercise", "Reminder before an exercise's deadline"),
        ("followUp", "We missed you"),
    ]

    /// The built-in text of template `name`.
    static func builtIn(_ name: String) -> String? {
        all.first { $0.0 == name }?.1
    }

    private static let sessionsText = """
        {{#sessions}}
        - {{{when}}}: {{{title}}}{{#note}} ({{{note}}}){{/note}}
        {{#join}}
          Join: {{{join}}}
        {{/join}}
        {{/sessions}}
        """

    private static let sessionsHTML = """
        <ul>{{#sessions}}<li><strong>{{when}}</strong>: {{title}}{{#note}} ({{note}}){{/note}}\
        {{#join}}<br><a href="{{join}}">Join the session</a>{{/join}}</li>{{/sessions}}</ul>
        """

    private static let footerText = """
        --
        {{{organization}}} · sent by Indaba
        {{#unsubscribe}}
        Stop reminders and follow-ups (one click): {{{unsubscribe}}}
        {{/unsubscribe}}
        """

    private static let footerHTML = """
        <hr><p style="color:#555;font-size:90%">{{organization}} · sent by Indaba\
        {{#unsubscribe}}<br><a href="{{unsubscribe}}">Stop reminders and follow-ups</a>{{/unsubscribe}}</p>
        """

    static let all: [(String, String)] = [
        ("confirmation.subject", "You are enrolled: {{{series}}}"),
        (
            "confirmation.text",
            """
            Hello {{{name}}},

            You are enrolled in {{{series}}}, run by {{{organization}}}. The sessions (times in {{{zone}}}):

            \(sessionsText)

            Your private calendar holds these sessions, and those of every series you join, with their join links.
            Subscribe to it in your calendar app (keep the address to yourself):
            {{{calendarLink}}}
            {{^calendarLink}}The attached invitation adds the sessions to your calendar.{{/calendarLink}}

            How to join: open the join link of a session a few minutes before it starts.
            To unenrol, or if anything is unclear, contact {{{organization}}}{{#website}} ({{{website}}}){{/website}}.

            \(footerText)
            """
        ),
        (
            "confirmation.html",
            """
            <p>Hello {{name}},</p>
            <p>You are enrolled in <strong>{{series}}</strong>, run by {{organization}}. The sessions (times in \
            {{zone}}):</p>
            \(sessionsHTML)
            {{#calendarLink}}<p>Your private calendar holds these sessions, and those of every series you join, \
            with their join links. <a href="{{calendarLink}}">Subscribe to it in your calendar app</a> (keep the \
            address to yourself).</p>{{/calendarLink}}
            <p>How to join: open the join link of a session a few minutes before it starts. To unenrol, or if \
            anything is unclear, contact {{organization}}{{#website}} (<a href="{{website}}">{{website}}</a>)\
            {{/website}}.</p>
            \(footerHTML)
            """
        ),
        ("update.subject", "Changed: {{{session}}} ({{{series}}})"),
        (
            "update.text",
            """
            Hello {{{name}}},

            {{{session}}} of {{{series}}} has moved. It now takes place:

            \(sessionsText)

            The attached update moves it in your calendar.

            \(footerText)
            """
        ),
        (
            "update.html",
            """
            <p>Hello {{name}},</p><p><strong>{{session}}</strong> of {{series}} has moved. It now takes place:</p>
            \(sessionsHTML)<p>The attached update moves it in your calendar.</p>
            \(footerHTML)
            """
        ),
        ("cancellation.subject", "Cancelled: {{{session}}} ({{{series}}})"),
        (
            "cancellation.text",
            """
            Hello {{{name}}},

            {{{session}}} of {{{series}}}, planned for {{{when}}}, is cancelled. The attached cancellation removes it
            from your calendar. The other sessions of the series are unchanged.

            \(footerText)
            """
        ),
        (
            "cancellation.html",
            """
            <p>Hello {{name}},</p><p><strong>{{session}}</strong> of {{series}}, planned for {{when}}, is \
            cancelled. The attached cancellation removes it from your calendar. The other sessions of the series \
            are unchanged.</p>
            \(footerHTML)
            """
        ),
        ("reminder.subject", "Reminder: {{{session}}}, {{{when}}}"),
        (
            "reminder.text",
            """
            Hello {{{name}}},

            {{{session}}} of {{{series}}} starts {{{when}}} ({{{inHours}}}).

            \(sessionsText)

            \(footerText)
            """
        ),
        (
            "reminder.html",
            """
            <p>Hello {{name}},</p><p><strong>{{session}}</strong> of {{series}} starts {{when}} ({{inHours}}).</p>
            \(sessionsHTML)
            \(footerHTML)
            """
        ),
        ("exercise.subject", "Reminder: {{{session}}} is due {{{when}}}"),
        (
            "exercise.text",
            """
            Hello {{{name}}},

            The exercise {{{session}}} of {{{series}}} is due {{{when}}} ({{{inHours}}}). Hand it in to the
            facilitators as they asked; if you already did, thank you, and ignore this message.

            \(footerText)
            """
        ),
        (
            "exercise.html",
            """
            <p>Hello {{name}},</p><p>The exercise <strong>{{session}}</strong> of {{series}} is due {{when}} \
            ({{inHours}}). Hand it in to the facilitators as they asked; if you already did, thank you, and ignore \
            this message.</p>
            \(footerHTML)
            """
        ),
        ("followUp.subject", "We missed you at {{{session}}}"),
        (
            "followUp.text",
            """
            Hello {{{name}}},

            We missed you at {{{session}}} of {{{series}}}. {{#covered}}It covered: {{{covered}}}.{{/covered}}
            To catch up, contact {{{organization}}}{{#website}} ({{{website}}}){{/website}}: the facilitators will tell
            you what to read or watch.
            {{#next}}
            The next session:

            \(sessionsText)
            {{/next}}

            \(footerText)
            """
        ),
        (
            "followUp.html",
            """
            <p>Hello {{name}},</p><p>We missed you at <strong>{{session}}</strong> of {{series}}. \
            {{#covered}}It covered: {{covered}}.{{/covered}}</p><p>To catch up, contact {{organization}}\
            {{#website}} (<a href="{{website}}">{{website}}</a>){{/website}}: the facilitators will tell you what to \
            read or watch.</p>
            {{#next}}<p>The next session:</p>\(sessionsHTML){{/next}}
            \(footerHTML)
            """
        ),
    ]
}
