import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Kernel
import Logging
import PluginKit

/// The certificates of a series for its organization's administrators: the rule's verdict per participant, an
/// issue button, and the issued certificates with revoke (reason field) and download links. Every action goes
/// through the plugin's own issue and revoke, each one transaction; refusals are shown next to the field with 4xx.
struct CertificatesPage {
    let plugin: CertificatesPlugin

    func overview(_ page: PageRequest) async throws -> PageResponse {
        let organization = page.organization
        try page.context.scope.requireAdministration(of: organization.id!)
        // The series this organization runs itself, as the API has them: a member's series are managed at the
        // member's address (which a network's coordinator may open too).
        let series = try await plugin.context.store.read { db in
            try OrganizationSeries.series(runBy: organization.id!, in: db)
        }
        let items: [HTML] = series.map {
            "<li><a href=\"\(page.basePath)series/\($0.id!.rawValue)\"><bdi>\($0.title)</bdi></a></li>"
        }
        let t = page.localizer
        return .page(
            PageContent(
                title: t("Certificates"),
                body: items.isEmpty
                    ? "<p>\(t("No series yet."))</p>" : "<p>\(t("Choose a series:"))</p><ul>\(items)</ul>"))
    }

    func show(_ page: PageRequest) async throws -> PageResponse {
        let series = try await owned(page)
        let t = page.localizer
        let notice: HTML
        if let issued = page.query("issued").flatMap(Int.init) {
            let notDrawn = (page.query("notDrawn") ?? "").split(separator: ",").compactMap { Int64($0) }
            let missing: HTML =
                notDrawn.isEmpty
                ? ""
                : """
                <p class="error" role="alert">\(t(
                    "Not issued: the certificates of person(s) {people} have a character no installed font can draw; "
                        + "correct the name and issue again.",
                    ["people": notDrawn.map(String.init).joined(separator: ", ")]))</p>
                """
            let issuedNotice = t.plural("{count} certificate issued.", "{count} certificates issued.", count: issued)
            notice = "<p class=\"notice\" role=\"status\">\(issuedNotice)</p>\(missing)"
        } else if let reissued = page.query("reissued").flatMap(Int64.init) {
            notice =
                "<p class=\"notice\" role=\"status\">\(t("Certificate {id} is issued.", ["id": String(reissued)]))</p>"
        } else if let revoked = page.query("revoked").flatMap(Int64.init) {
            notice =
                "<p class=\"notice\" role=\"status\">\(t("Certificate {id} is revoked.", ["id": String(revoked)]))</p>"
        } else {
            notice = ""
        }
        return .page(try await content(page, series: series, notice: notice, revokeError: nil))
    }

    func issue(_ page: PageRequest) async throws -> PageResponse {
        let series = try await owned(page)
        let organization = page.organization.id!
        do {
            let outcome = try await plugin.issue(
                series: "\(series.id!.rawValue)", organization: organization,
                actor: page.actor, dryRun: false, server: page.context.baseURL)
            let notDrawn = outcome.notIssued.map { "\($0.personId.rawValue)" }.joined(separator: ",")
            return .redirect(
                "series/\(series.id!.rawValue)?issued=\(outcome.issued.count)"
                    + (notDrawn.isEmpty ? "" : "&notDrawn=\(notDrawn)"))
        } catch let error as CertificatesError where error.status != nil {
            let notice: HTML = "<p class=\"error\" role=\"alert\">\(error.wordedOnSeriesPage(page.localizer))</p>"
            return .page(
                try await content(page, series: series, notice: notice, revokeError: nil),
                status: error.status ?? .unprocessableContent)
        }
    }

    func revoke(_ page: PageRequest) async throws -> PageResponse {
        let organization = page.organization.id!
        try page.context.scope.requireAdministration(of: organization)
        let certificate = try await certificate(page)
        do {
            _ = try await plugin.revoke(
                certificate.id!, reason: page.form["reason"], organization: organization,
                actor: page.actor)
        } catch {
            let message: String
            let t = page.localizer
            switch error {
            case CertificatesError.emptyReason:
                message = t("Give a reason for the revocation, such as “issued in error”.")
            case let KernelError.invalidField(_, reason):
                message = t("The reason {reason}.", ["reason": reason.worded(t)])
            case let error as CertificatesError where error.status != nil: message = error.wordedOnSeriesPage(t)
            default: throw error
            }
            let series = try await plugin.context.store.read { db in
                try CertificateQueries.series("\(certificate.seriesId.rawValue)", runBy: organization, in: db)
            }
            return .page(
                try await content(
                    page, series: series, notice: "", revokeError: (certificate.id!.rawValue, message)),
                status: (error as? CertificatesError)?.status == .conflict ? .conflict : .unprocessableContent)
        }
        return .redirect("series/\(certificate.seriesId.rawValue)?revoked=\(certificate.id!.rawValue)")
    }

    /// A new certificate for the holder of a revoked one (the old stays revoked), or in place of a valid one.
    func reissue(_ page: PageRequest) async throws -> PageResponse {
        let organization = page.organization.id!
        try page.context.scope.requireAdministration(of: organization)
        let certificate = try await certificate(page)
        do {
            let replacement = try await plugin.reissue(
                certificate.id!, organization: organization, actor: page.actor, server: page.context.baseURL)
            return .redirect("series/\(certificate.seriesId.rawValue)?reissued=\(replacement.id!.rawValue)")
        } catch let error as CertificatesError where error.status != nil {
            let series = try await plugin.context.store.read { db in
                try CertificateQueries.series("\(certificate.seriesId.rawValue)", runBy: organization, in: db)
            }
            let notice: HTML = "<p class=\"error\" role=\"alert\">\(error.wordedOnSeriesPage(page.localizer))</p>"
            return .page(
                try await content(page, series: series, notice: notice, revokeError: nil),
                status: error.status ?? .unprocessableContent)
        }
    }

    func pdf(_ page: PageRequest) async throws -> PageResponse {
        let certificate = try await certificate(page)
        let pdf: Data
        do {
            pdf = try await plugin.pdf(of: certificate)
        } catch let error as RenderingError {
            // The organization's settings or the fonts are wrong, not the request.
            throw PluginProblem(.conflict, of: CertificatesPlugin.id) { error.worded($0) }
        } catch let error as CertificatesError {
            throw error.problem ?? error
        }
        return .file(pdf, contentType: "application/pdf", filename: "certificate-\(certificate.id!.rawValue).pdf")
    }

    func credential(_ page: PageRequest) async throws -> PageResponse {
        let certificate = try await certificate(page)
        let credential: Data
        do {
            credential = try plugin.credential(of: certificate)
        } catch let error as CertificatesError {
            throw error.problem ?? error
        }
        return .file(
            credential, contentType: "application/vc+jwt",
            filename: "certificate-\(certificate.id!.rawValue).jwt")
    }

    // MARK: - Reading

    /// The series named in the path, if the organization runs it (the API's rule); else 404, as for a series that
    /// does not exist.
    private func owned(_ page: PageRequest) async throws -> WebinarSeries {
        let organization = page.organization.id!
        try page.context.scope.requireAdministration(of: organization)
        guard let id = page.context.parameters.get("series", as: Int64.self) else {
            throw AccessError.notFound(entity: "series", id: 0)
        }
        let series = try await plugin.context.store.read { db in
            try OrganizationSeries.series(WebinarSeries.ID(id), runBy: organization, in: db)
        }
        guard let series else { throw AccessError.notFound(entity: "series", id: id) }
        return series
    }

    private func certificate(_ page: PageRequest) async throws -> Certificate {
        let organization = page.organization.id!
        try page.context.scope.requireAdministration(of: organization)
        guard let id = page.context.parameters.get("certificate", as: Int64.self) else {
            throw AccessError.notFound(entity: "certificate", id: 0)
        }
        do {
            return try await plugin.context.store.read { db in
                try CertificatesPlugin.owned(Certificate.ID(id), by: organization, in: db)
            }
        } catch CertificatesError.unknownCertificate {
            throw AccessError.notFound(entity: "certificate", id: id)
        }
    }

    private func content(
        _ page: PageRequest, series: WebinarSeries, notice: HTML, revokeError: (id: Int64, message: String)?
    ) async throws -> PageContent {
        let organization = page.organization.id!
        let settings = try await plugin.settings(for: organization)
        let reference = "\(series.id!.rawValue)"
        let (verdicts, certificates) = try await plugin.context.store.read { db in
            let verdicts = Result {
                try CertificateQueries.eligibility(
                    series: reference, organization: organization, settings: settings, in: db)
            }
            let certificates = try Certificate.filter(Column("seriesId") == series.id).order(Column("id")).fetchAll(db)
            return (verdicts, certificates)
        }
        let markup = CertificatesMarkup(page: page, series: series, revokeError: revokeError)
        let t = page.localizer
        let preview: (summary: HTML, table: HTML)
        switch verdicts {
        case let .success(lines): preview = markup.preview(lines)
        case let .failure(error as CertificatesError) where error.status != nil:
            preview = ("<p class=\"error\">\(error.wordedOnSeriesPage(page.localizer))</p>", "")
        case let .failure(error): throw error
        }
        // The verdicts can run to many rows: the issued certificates (and their revoke forms) come first.
        return PageContent(
            title: t("Certificates: {series}", ["series": series.title]),
            body: """
                <p class="crumbs"><a href="\(page.basePath)series">\(t("All series"))</a></p>
                \(notice)
                \(preview.summary)
                \(markup.list(certificates))
                \(preview.table)
                """)
    }
}
