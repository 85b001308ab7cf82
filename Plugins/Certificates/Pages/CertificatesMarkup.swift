import Foundation
import Kernel
import PluginKit

/// The markup of the certificates page: the eligibility preview with the issue button, and the issued list.
struct CertificatesMarkup {
    let page: PageRequest
    let series: WebinarSeries
    let revokeError: (id: Int64, message: String)?

    /// The count of eligible participants with the issue button, and the table of verdicts with explanations.
    func preview(_ lines: [EligibilityLine]) -> (summary: HTML, table: HTML) {
        let eligible = lines.filter(\.eligible).count
        // What the button issues: the eligible who never had a certificate. A revoked holder gets a new one from
        // their revoked certificate's "Issue a new certificate" button, never by a bulk run.
        let waiting = lines.filter { $0.eligible && $0.certificate == nil }.count
        let rows: [HTML] = lines.map { line in
            let held: String =
                switch line.certificate {
                case .valid?: "issued"
                case .revoked?: "revoked"
                case nil: "–"
                }
            return """
                <tr><th scope="row">\(line.name)</th><td class="text">\(line.eligible ? "eligible" : "not eligible")\
                </td><td class="text">\(line.explanation)</td><td class="text">\(held)</td></tr>
                """
        }
        let button: HTML =
            waiting == 0
            ? "<p>Everyone eligible has a certificate.</p>"
            : """
            <form method="post" action="\(page.basePath)series/\(series.id!.rawValue)/issue">\(page.formField(for: "\(page.basePath)series/\(series.id!.rawValue)/issue"))\
            <p><button type="submit">Issue \(waiting) certificates</button></p></form>
            """
        return (
            summary: """
            <p class="lead">\(eligible) of \(lines.count) participants meet the rule.</p>
            \(button)
            """,
            table: """
            <h2>Who is eligible</h2>
            <div class="scroll"><table><caption>The rule's verdict per participant</caption>
            <thead><tr><th scope="col">Participant</th><th scope="col">Verdict</th><th scope="col">Why</th>\
            <th scope="col">Certificate</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        )
    }

    func list(_ certificates: [Certificate]) -> HTML {
        guard !certificates.isEmpty else { return "<h2>Issued certificates</h2><p>None issued yet.</p>" }
        let holders = Set(certificates.filter { $0.status == .valid }.map(\.personId))
        let items: [HTML] = certificates.map { item($0, replaceable: !holders.contains($0.personId)) }
        return "<h2>Issued certificates</h2><ul class=\"certificates\">\(items)</ul>"
    }

    private func item(_ certificate: Certificate, replaceable: Bool) -> HTML {
        let id = certificate.id!.rawValue
        let state: HTML =
            certificate.status == .valid
            ? "valid"
            : "revoked\(certificate.revokedReason.map { HTML(": \($0)") } ?? "")"
        let error = revokeError?.id == id ? revokeError?.message : nil
        let message: HTML = error.map { "<p class=\"error\" id=\"reason-\(id)-error\" role=\"alert\">\($0)</p>" } ?? ""
        let invalid: HTML = error == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"reason-\(id)-error\""
        let revoke: HTML =
            certificate.status == .valid
            ? """
            <form method="post" action="\(page.basePath)certificates/\(id)/revoke" class="inline">\(page.formField(for: "\(page.basePath)certificates/\(id)/revoke"))\
            <div class="field"><label for="reason-\(id)">Reason for revoking certificate \(id)</label>\(message)\
            <input type="text" id="reason-\(id)" name="reason" maxlength="500"\(invalid)></div>\
            <p><button type="submit">Revoke</button></p></form>
            """
            : replaceable
                ? """
                <form method="post" action="\(page.basePath)certificates/\(id)/reissue" class="inline">\(page.formField(for: "\(page.basePath)certificates/\(id)/reissue"))\
                <p><button type="submit">Issue a new certificate (new code; this one stays revoked)</button></p></form>
                """ : ""
        return """
            <li><p><strong>\(certificate.recipientName)</strong>, certificate \(id) (\(state)), code \
            <code>\(certificate.code)</code></p>
            <p class="actions"><a href="/verify/\(certificate.code)">Verification page</a> \
            <a href="\(page.basePath)certificates/\(id)/certificate.pdf">PDF</a> \
            <a href="\(page.basePath)certificates/\(id)/credential.jwt">Open Badges credential</a></p>
            \(revoke)</li>
            """
    }
}
