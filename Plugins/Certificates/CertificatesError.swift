import HTTPTypes
import Kernel
import PluginKit

/// Why a certificates operation was refused. Messages name ids, never a person's name.
enum CertificatesError: Error, CustomStringConvertible, Equatable {
    case noRule(series: WebinarSeries.ID, path: String)
    case ruleDoesNotFit(series: WebinarSeries.ID, reason: FieldReason)
    case unknownSeries(String)
    case unknownCertificate(Int64)
    case alreadyRevoked(Int64)
    case holdsValid(Int64, valid: Int64)
    case notEligible(Int64)
    case emptyReason
    case badLogo(FieldReason)
    case noVerificationAddress
    case loopbackVerificationAddress(String, server: String)
    case rendering(personId: Person.ID, reason: RenderingError)
    case keyStore(String)
    case output(String)
    case unknownCode
    /// The holder of the certificate (the id) was erased at their request: nothing is issued for them again.
    case holderErased(Int64)
    /// The certificate's PDF and credential (the id) were deleted when its holder was erased.
    case removedWithHolder(Int64)

    var description: String {
        switch self {
        case let .noRule(series, path):
            "Series \(series) has no certificate rule; add one, e.g. indaba plugin settings certificates --org ORG "
                + "--set 'rules=[{\"series\": \"\(path)\", \"minimumSessions\": 3, \"requiredKinds\": [\"feedback\"]}]'"
        case let .ruleDoesNotFit(series, reason):
            "The certificate rule for series \(series) does not fit it: \(reason); correct the rule in the settings."
        case let .unknownSeries(reference):
            "No series '\(reference)' is run by this organization; list them with `indaba series list`, and use "
                + "the organization that runs the series (a network's coordinator: the member's address)."
        case let .unknownCertificate(id): "There is no certificate \(id) in this organization."
        case let .alreadyRevoked(id): "Certificate \(id) is already revoked."
        case let .holdsValid(id, valid):
            "Certificate \(id) is revoked, and its holder has a valid certificate \(valid) of the series; re-issue "
                + "that one instead."
        case let .notEligible(id):
            "The holder of revoked certificate \(id) is not eligible under the series' rule now; no new certificate "
                + "was issued (see `indaba certificates eligibility`)."
        case .noVerificationAddress:
            "No verification address is known: set the server's public address in INDABA_BASE_URL, or the "
                + "certificates setting verificationBaseURL (such as https://indaba.example.org)."
        case let .loopbackVerificationAddress(address, server):
            "The verification address \(address) is this machine only, but the server is reached at \(server): "
                + "QR codes would lead nowhere. Clear the setting verificationBaseURL (it then follows the server's "
                + "address) or set the public address."
        case let .badLogo(reason): "The logo cannot be used: \(reason). Upload a PNG image of at most 1 MB."
        case .emptyReason: "Give a reason for the revocation (--reason), such as \"issued in error\"."
        case let .rendering(person, reason): "The certificate of person \(person) cannot be drawn: \(reason)"
        case let .keyStore(reason): "The signing keys cannot be used: \(reason)"
        case let .output(path): "Cannot write \(path); check that the folder is writable."
        case .unknownCode: "No certificate has this code; check the code printed on the certificate."
        case let .holderErased(id):
            "The holder of certificate \(id) was erased at their request; no certificate is issued for them again."
        case let .removedWithHolder(id):
            "Certificate \(id) was revoked and its files deleted when its holder was erased at their request."
        }
    }
}

extension CertificatesError {
    /// The HTTP status of the error; nil for failures on the server's side (a generic 500).
    var status: HTTPResponse.Status? {
        switch self {
        case .noRule, .rendering, .noVerificationAddress, .loopbackVerificationAddress: .unprocessableContent
        case .ruleDoesNotFit, .alreadyRevoked, .holdsValid, .notEligible, .holderErased: .conflict
        case .removedWithHolder: .gone
        case .unknownSeries, .unknownCertificate: .notFound
        case .emptyReason, .badLogo: .badRequest
        case .unknownCode: .notFound
        case .keyStore, .output: nil
        }
    }

    /// What a route or a page answers with, worded in the client's language; nil for a fault of the server's own.
    var problem: PluginProblem? {
        status.map { status in PluginProblem(status, of: CertificatesPlugin.id) { self.worded($0) } }
    }
}
