import HTTPTypes
import Kernel

/// Why a certificates operation was refused. Messages name ids, never a person's name.
enum CertificatesError: Error, CustomStringConvertible, Equatable {
    case noRule(series: WebinarSeries.ID, path: String)
    case ruleDoesNotFit(series: WebinarSeries.ID, reason: String)
    case unknownSeries(String)
    case unknownCertificate(Int64)
    case alreadyRevoked(Int64)
    case revokedCannotBeReissued(Int64)
    case emptyReason
    case rendering(personId: Person.ID, reason: String)
    case keyStore(String)
    case output(String)
    case unknownCode

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
        case let .revokedCannotBeReissued(id):
            "Certificate \(id) is revoked; only a valid certificate can be re-issued (issue a new one instead)."
        case .emptyReason: "Give a reason for the revocation (--reason), such as \"issued in error\"."
        case let .rendering(person, reason): "The certificate of person \(person) cannot be drawn: \(reason)"
        case let .keyStore(reason): "The signing keys cannot be used: \(reason)"
        case let .output(path): "Cannot write \(path); check that the folder is writable."
        case .unknownCode: "No certificate has this code; check the code printed on the certificate."
        }
    }
}

extension CertificatesError {
    /// The HTTP status of the error; nil for failures on the server's side (a generic 500).
    var status: HTTPResponse.Status? {
        switch self {
        case .noRule, .rendering: .unprocessableContent
        case .ruleDoesNotFit, .alreadyRevoked, .revokedCannotBeReissued: .conflict
        case .unknownSeries, .unknownCertificate: .notFound
        case .emptyReason: .badRequest
        case .unknownCode: .notFound
        case .keyStore, .output: nil
        }
    }
}
