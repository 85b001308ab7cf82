/// One field of a staff form, as the shared `staff-form` template draws it: label, optional hint, the error next to
/// it, and the value the person typed (kept when the form comes back with errors).
///
/// Every flag the template needs is a stored property: Mustache sees stored properties only.
struct FormField: Sendable {
    enum Kind: Sendable {
        case text, email, date, search, number(step: String), textarea(rows: Int), select([Option]), checkbox
    }

    struct Option: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    let id: String
    let name: String
    let label: String
    let value: String
    let error: String?
    let hint: String?
    let optional: Bool
    let readOnly: Bool
    let inputType: String
    let step: String?
    let rows: Int
    let isInput: Bool
    /// Written left to right whatever the page's direction (e-mail addresses).
    let isLeftToRight: Bool
    let isTextarea: Bool
    let isSelect: Bool
    let isCheckbox: Bool
    let checked: Bool
    let options: [Option]
    let describedBy: String?

    /// - Parameters:
    ///   - value: The value shown (for a checkbox, `"yes"` when ticked).
    ///   - readOnly: Shown but not sent back for a change (slugs and e-mail addresses, which identify the record).
    init(
        _ name: String, label: String, kind: Kind = .text, value: String, error: String? = nil, hint: String? = nil,
        optional: Bool = false, readOnly: Bool = false
    ) {
        let id = "field-" + name
        self.id = id
        self.name = name
        self.label = label
        self.value = value
        self.error = error
        self.hint = hint
        self.optional = optional
        self.readOnly = readOnly
        var (inputType, step, rows, options) = ("text", String?.none, 4, [Option]())
        var (isInput, isTextarea, isSelect, isCheckbox) = (false, false, false, false)
        switch kind {
        case .text: isInput = true
        case .email: (isInput, inputType) = (true, "email")
        case .date: (isInput, inputType) = (true, "date")
        case .search: (isInput, inputType) = (true, "search")
        case .number(let by): (isInput, inputType, step) = (true, "number", by)
        case .textarea(let lines): (isTextarea, rows) = (true, lines)
        case .select(let choices): (isSelect, options) = (true, choices)
        case .checkbox: isCheckbox = true
        }
        (self.inputType, self.step, self.rows, self.options) = (inputType, step, rows, options)
        (self.isInput, self.isTextarea, self.isSelect, self.isCheckbox) = (isInput, isTextarea, isSelect, isCheckbox)
        checked = isCheckbox && value == "yes"
        isLeftToRight = inputType == "email"
        let described = [hint.map { _ in id + "-hint" }, error.map { _ in id + "-error" }].compactMap { $0 }
        describedBy = described.isEmpty ? nil : described.joined(separator: " ")
    }

    /// Options for a select, the one matching `selected` chosen.
    static func options(_ pairs: [(String, String)], selected: String) -> Kind {
        .select(pairs.map { Option(value: $0.0, label: $0.1, selected: $0.0 == selected) })
    }
}

/// A staff form page: breadcrumbs, heading, the fields, and optionally markup shown after the form (a list).
struct FormPageModel: Sendable {
    struct Crumb: Sendable {
        let href: String
        let text: String
        let separator: Bool
    }

    let crumbs: [Crumb]
    let heading: String
    let lead: String?
    /// What the last change did ("Saved."), announced to screen readers.
    let notice: String?
    let formError: String?
    let action: String
    /// Set by ``WebInterface/formPage(_:title:request:context:status:)``.
    var token = ""
    let fields: [FormField]
    let submit: String
    let before: String?
    let after: String?

    init(
        crumbs: [(String, String)], heading: String, lead: String? = nil, notice: String? = nil,
        formError: String? = nil,
        action: String, fields: [FormField], submit: String, before: String? = nil,
        after: String? = nil
    ) {
        self.crumbs = crumbs.enumerated().map {
            Crumb(href: $0.element.0, text: $0.element.1, separator: $0.offset > 0)
        }
        self.heading = heading
        self.lead = lead
        self.notice = notice
        self.formError = formError
        self.action = action
        self.fields = fields
        self.submit = submit
        self.before = before
        self.after = after
    }
}
