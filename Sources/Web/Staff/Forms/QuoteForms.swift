import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `/manage/series/{id}/quotes`: a series' administrators record what people said about it, with an optional
/// attribution and whether the person agreed to be quoted; the series report shows only quotes with that consent.
struct QuoteForms {
    let web: WebInterface

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("manage/series/:series/quotes") { request, context in
            let series = try await administered(context)
            return try await page(series, values: [:], errors: [:], request, context)
        }
        router.post("manage/series/:series/quotes") { request, context in
            let series = try await administered(context)
            return try await record(series, request, context)
        }
    }

    private func administered(_ context: IndabaRequestContext) async throws -> WebinarSeries {
        let (series, organization) = try await web.ownSeries(context)
        try context.scope.requireAdministration(of: organization)
        return series
    }

    private func record(
        _ series: WebinarSeries, _ request: Request, _ context: IndabaRequestContext
    ) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        let values = [
            "text": form["text"], "attribution": form["attribution"], "consent": form.isChecked("consent") ? "yes" : "",
        ]
        let t = web.localizer(request, context)
        if let refusal = web.staffFormRefusal(form, request: request, in: t) {
            return try await page(
                series, values: values, errors: [:], refusal: refusal, request, context, status: .forbidden)
        }
        var errors: [String: String] = [:]
        errors["text"] = FieldRules.textProblem(values["text"]!, limit: 1000)?.sentence(subject: t("The quote"), t)
        if values["attribution"]!.count > 200 {
            errors["attribution"] = FieldProblem.tooLong(limit: 200).sentence(subject: t("The attribution"), t)
        }
        if !errors.isEmpty {
            return try await page(
                series, values: values, errors: errors, request, context, status: .unprocessableContent)
        }
        let (seriesId, text, consent) = (series.id!, values["text"]!, values["consent"] == "yes")
        let attribution = values["attribution"]!.isEmpty ? nil : values["attribution"]
        try await web.workspace.write(as: web.actor(context)) {
            try $0.recordQuote(text, attribution: attribution, consent: consent, in: seriesId)
        }
        return web.redirect(to: "/manage/series/\(seriesId.rawValue)/quotes#recorded")
    }

    private func page(
        _ series: WebinarSeries, values: [String: String], errors: [String: String], refusal: String? = nil,
        _ request: Request, _ context: IndabaRequestContext, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let quotes = try await web.workspace.read { db in
            try Quote.filter(Column("seriesId") == series.id).order(Column("id")).fetchAll(db)
        }
        let t = web.localizer(request, context)
        let items: [HTML] = quotes.map { quote in
            let source: HTML = quote.attribution.map { "<figcaption>— <bdi>\($0)</bdi></figcaption>" } ?? .empty
            let shown = quote.consent ? t("shown in the report") : t("not shown: no consent")
            return """
                <li class="card"><figure class="quote"><blockquote><p>\(quote.text)</p></blockquote>\(source)\
                </figure><p class="meta">\(shown)</p></li>
                """
        }
        // Translators: heading over the quotes already recorded for a series.
        let recorded: HTML = "<h2 id=\"recorded\">\(t("Recorded"))</h2>"
        let list: HTML =
            quotes.isEmpty
            ? recorded + "<p>\(t("No quote yet."))</p>"
            : recorded + "<ul class=\"cards\">\(items)</ul>"
        let id = series.id!.rawValue
        let fields = [
            FormField(
                "text", label: t("Quote"), kind: .textarea(rows: 4), value: values["text"] ?? "",
                error: errors["text"]),
            FormField(
                "attribution", label: t("Attribution"), value: values["attribution"] ?? "",
                error: errors["attribution"],
                hint: t("How the person agreed to be named, such as “A participant from Harare”."), optional: true),
            FormField(
                "consent", label: t("The person agreed that this quote appears in reports"), kind: .checkbox,
                value: values["consent"] ?? "", error: errors["consent"],
                hint: t("Without this tick the quote is kept here but never shown in a report.")),
        ]
        let addHeading: HTML = "<h2 id=\"add\">\(t("Record a quote"))</h2>"
        let model = FormPageModel(
            crumbs: [
                ("/workspace", t("Workspace")), ("/manage/series/\(id)", t("Sessions")),
                ("/reports/series/\(id)", t("Report")),
            ],
            heading: t("Quotes about {title}", ["title": series.title]), formError: refusal,
            action: "/manage/series/\(id)/quotes", fields: fields, submit: t("Record the quote"),
            before: (list + addHeading).markup)
        return web.formPage(model, title: model.heading, request: request, context: context, status: status)
    }
}
