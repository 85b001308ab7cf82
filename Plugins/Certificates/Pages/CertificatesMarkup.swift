import Foundation
import Kernel
import PluginKit

/// The markup of the certificates page: the eligibility preview with the issue button, and the issued list.
struct CertificatesMarkup {
    let page: PageRequest
    let series: WebinarSeries
    let revokeError: (id: Int64, message: String)?
    var t: Localizer { page.localizer }

    /// The count of eligible participants with the issue button, and the table of verdicts with explanations.
    func preview(_ lines: [EligibilityLine]) -> (summary: HTML, table: HTML) {
        let eligible = lines.filter(\.eligible).count
        // What the button issues: the eligible who never had a certificate. A revoked holder gets a new one from
        // their revoked certificate's "Issue a new certificate" button, never by a bulk run.
        let waiting = lines.filter { $0.eligible && $0.certificate == nil }.count
        let rows: [HTML] = lines.map { line in
            let held: String =
                switch line.certificate {
                // Translators: the state of a participant's certificate (un certificat): issued and valid.
                case .valid?: t("issued")
                // Translators: the state of a participant's certificate (un certificat): withdrawn by the
                // organization.
                case .revoked?: t("revoked")
                case nil: "–"
                }
            return """
                <tr><th scope="row"><bdi>\(line.name)</bdi></th><td class="text">\
                \(line.eligible ? t("eligible") : t("not eligible"))\
                </td><td class="text">\(line.explanation.worded(t))</td><td class="text">\(held)</td></tr>
                """
        }
        let button: HTML =
            waiting == 0
            ? "<p>\(t("Everyone eligible has a certificate."))</p>"
            : """
            <form method="post" action="\(page.basePath)series/\(series.id!.rawValue)/issue">\(page.formField(for: "\(page.basePath)series/\(series.id!.rawValue)/issue"))\
            <p><button type="submit">\(t.plural("Issue {count} certificate", "Issue {count} certificates", count: waiting))\
            </button></p></form>
            """
        return (
            summary: """
            <p class="lead">\(t.plural(
                "{eligible} of {count} participant meets the rule.", "{eligible} of {count} participants meet the rule.",
                count: lines.count, ["eligible": t.number(eligible)]))</p>
            \(button)
            """,
            table: """
            <h2>\(t("Who is eligible"))</h2>
            <div class="scroll"><table><caption>\(t("The rule's verdict per participant"))</caption>
            <thead><tr><th scope="col">\(t("Participant"))</th><th scope="col">\(t("Verdict"))</th>\
            <th scope="col">\(t("Why"))</th><th scope="col">\(t("Certificate"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        )
    }

    func list(_ certificates: [Certificate]) -> HTML {
        guard !certificates.isEmpty else {
            return "<h2>\(t("Issued certificates"))</h2><p>\(t("None issued yet."))</p>"
        }
        let holders = Set(certificates.filter { $0.status == .valid }.map(\.personId))
        // Nothing replaces a certificate whose holder was erased.
        let items: [HTML] = certificates.map {
            item($0, replaceable: !holders.contains($0.personId) && !CertificateErasure.removedFiles(of: $0))
        }
        return "<h2>\(t("Issued certificates"))</h2><ul class=\"certificates\">\(items)</ul>"
    }

    private func item(_ certificate: Certificate, replaceable: Bool) -> HTML {
        let id = certificate.id!.rawValue
        let state =
            certificate.status == .valid
            // Translators: the state of a certificate (un certificat) that has not been revoked.
            ? t("valid")
            : certificate.revokedReason.map { t("revoked: {reason}", ["reason": Self.reason($0, t)]) } ?? t("revoked")
        let error = revokeError?.id == id ? revokeError?.message : nil
        let message: HTML = error.map { "<p class=\"error\" id=\"reason-\(id)-error\" role=\"alert\">\($0)</p>" } ?? ""
        let invalid: HTML = error == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"reason-\(id)-error\""
        let revoke: HTML =
            certificate.status == .valid
            ? """
            <form method="post" action="\(page.basePath)certificates/\(id)/revoke" class="inline">\(page.formField(for: "\(page.basePath)certificates/\(id)/revoke"))\
            <div class="field"><label for="reason-\(id)">\(t("Reason for revoking certificate {id}", ["id": String(id)]))\
            </label>\(message)<input type="text" id="reason-\(id)" name="reason" maxlength="500"\(invalid)></div>\
            <p><button type="submit">\(t("Revoke"))</button></p></form>
            """
            : replaceable
                ? """
                <form method="post" action="\(page.basePath)certificates/\(id)/reissue" class="inline">\(page.formField(for: "\(page.basePath)certificates/\(id)/reissue"))\
                <p><button type="submit">\(t("Issue a new certificate (new code; this one stays revoked)"))</button></p></form>
                """ : ""
        // An erased holder's files are gone: no links to them.
        let files: HTML =
            CertificateErasure.removedFiles(of: certificate)
            ? ""
            : """
             <a href="\(page.basePath)certificates/\(id)/certificate.pdf">PDF</a> \
            <a href="\(page.basePath)certificates/\(id)/credential.jwt">\(t("Open Badges credential"))</a>
            """
        return """
            <li><p><strong><bdi>\(certificate.recipientName)</bdi></strong>\(t.comma) \
            \(t("certificate {id} ({state}), code", ["id": String(id), "state": state])) \
            <code dir="ltr">\(certificate.code)</code></p>
            <p class="actions"><a href="/verify/\(certificate.code)">\(t("Verification page"))</a>\(files)</p>
            \(revoke)</li>
            """
    }

    /// A revocation's reason: the ones Indaba writes itself in `t`'s language, a person's own words as written.
    static func reason(_ reason: String, _ t: Localizer) -> String {
        switch reason {
        // Translators: why a certificate (un certificat) was revoked: a new one replaced it.
        case "re-issued": t("re-issued")
        case "Erased at the holder's request": t("Erased at the holder's request")
        default: reason
        }
    }
}
