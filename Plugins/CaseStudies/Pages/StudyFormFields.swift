import Kernel

/// The inputs of the study form, each with its label, hint and problems (`aria-describedby`, `aria-invalid`), filled
/// with what was typed.
struct StudyFormFields {
    let form: StudyForm
    let errors: [String: [String]]
    let t: Localizer

    /// Rows of outcomes and links shown: those typed and two blank ones.
    var rows: Int { min(max(form.outcomes.count, form.links.count) + 2, StudyForm.maximumRows) }

    var origins: [(value: String, label: String)] {
        [
            ("network", t("An initiative of the network")),
            ("outside", t("From outside the network, told by someone in it")),
        ]
    }
    var consents: [(value: String, label: String)] {
        [
            ("pending", t("Asked, not answered yet")),
            ("granted", t("Granted by the people it names")),
            // Translators: consent to publish a case study (le consentement): the people it names said no.
            ("refused", t("Refused")),
            ("notNeeded", t("Not needed: it names nobody who must agree")),
        ]
    }
    var visibilities: [(value: String, label: String)] {
        [
            ("private", t("The contributing organization only")),
            ("network", t("Every organization of the network")),
            ("public", t("Everyone, once consent allows it")),
        ]
    }

    private func value(_ name: String) -> String {
        switch name {
        case "slug": form.slug
        case "title": form.title
        case "summary": form.summary
        case "organization": form.organization
        case "origin": form.origin
        case "country": form.country
        case "sector": form.sector
        case "topics": form.topics
        case "licence": form.licence
        case "consent": form.consent
        case "visibility": form.visibility
        case "body": form.body
        default: ""
        }
    }

    /// The hint and problem paragraphs of a field, and the attributes that tie them to its input.
    private func notes(_ name: String, hint: String?) -> (HTML, HTML) {
        let hintHTML: HTML = hint.map { "<p class=\"why\" id=\"\(name)-hint\">\($0)</p>" } ?? ""
        let problems = errors[name] ?? []
        let errorHTML: HTML =
            problems.isEmpty ? "" : "<p class=\"error\" id=\"\(name)-error\">\(problems.joined(separator: "; "))</p>"
        let described = [hint == nil ? nil : "\(name)-hint", problems.isEmpty ? nil : "\(name)-error"]
            .compactMap { $0 }
        var attributes: HTML = described.isEmpty ? "" : " aria-describedby=\"\(described.joined(separator: " "))\""
        if !problems.isEmpty { attributes = attributes + " aria-invalid=\"true\"" }
        return (hintHTML + errorHTML, attributes)
    }

    func text(_ name: String, label: String, hint: String? = nil, size: Int? = nil, value: String? = nil) -> HTML {
        let (notes, attributes) = notes(name, hint: hint)
        // A width only: a longer value typed ("Tanzania") is kept and explained, not silently cut.
        let width: HTML = size.map { " size=\"\($0 + 2)\"" } ?? ""
        return """
            <div class="field"><label for="\(name)">\(label)</label>\(notes)\
            <input type="text" id="\(name)" name="\(name)" value="\(value ?? self.value(name))"\(width)\(attributes)></div>
            """
    }

    func area(_ name: String, label: String, hint: String? = nil, rows: Int) -> HTML {
        let (notes, attributes) = notes(name, hint: hint)
        return """
            <div class="field"><label for="\(name)">\(label)</label>\(notes)\
            <textarea id="\(name)" name="\(name)" rows="\(rows)"\(attributes)>\(value(name))</textarea></div>
            """
    }

    func select(_ name: String, label: String, options: [(value: String, label: String)]) -> HTML {
        let (notes, attributes) = notes(name, hint: nil)
        let current = value(name)
        let items: [HTML] = options.map { option in
            let selected: HTML = option.value == current ? " selected" : ""
            return "<option value=\"\(option.value)\"\(selected)>\(option.label)</option>"
        }
        return """
            <div class="field"><label for="\(name)">\(label)</label>\(notes)\
            <select id="\(name)" name="\(name)"\(attributes)>\(items)</select></div>
            """
    }

    /// What came of it: a description and an optional figure per row.
    var outcomes: HTML {
        let items: [HTML] = (1...rows).map { row in
            let outcome = row <= form.outcomes.count ? form.outcomes[row - 1] : StudyForm.Outcome()
            return """
                \(text("outcome-\(row)-description", label: t("Outcome {number}", ["number": t.number(row)]), value: outcome.description))\
                \(text("outcome-\(row)-figure", label: t("Figure for outcome {number} (optional)", ["number": t.number(row)]), hint: row == 1 ? t("Such as: from 22% to 47%.") : nil, value: outcome.figure))
                """
        }
        return """
            <fieldset><legend>\(t("What came of it"))</legend>\
            <p class="why">\(t("Leave a row blank to drop it; save or preview for more rows."))</p>\(items)</fieldset>
            """
    }

    /// Links to more: a title and an address per row.
    var links: HTML {
        let items: [HTML] = (1...rows).map { row in
            let link = row <= form.links.count ? form.links[row - 1] : StudyForm.Link()
            return """
                \(text("link-\(row)-title", label: t("Link {number}: title", ["number": t.number(row)]), value: link.title))\
                \(text("link-\(row)-url", label: t("Link {number}: address", ["number": t.number(row)]), hint: row == 1 ? t("An http or https address.") : nil, value: link.url))
                """
        }
        return "<fieldset><legend>\(t("Read more (links)"))</legend>\(items)</fieldset>"
    }
}

/// The study as its public page will show it, from the form as typed (nothing saved).
enum StudyPreview {
    static func html(_ form: StudyForm, _ t: Localizer) -> HTML {
        let outcomes: [HTML] = form.outcomes.map { outcome in
            let figure: HTML = outcome.figure.isEmpty ? "" : ": <strong>\(outcome.figure)</strong>"
            return "<li>\(outcome.description)\(figure)</li>"
        }
        let outcomeList: HTML = outcomes.isEmpty ? "" : "<h4>\(t("What came of it"))</h4><ul>\(outcomes)</ul>"
        return """
            <section class="card preview" aria-labelledby="preview-heading">
            <h2 id="preview-heading">\(t("Preview (not saved yet)"))</h2>
            <h3>\(form.title)</h3>
            <p class="lead">\(form.summary)</p>
            \(outcomeList)
            \(PublicStudyPage.renderedBody(form.body, below: 2))
            </section>
            """
    }
}
