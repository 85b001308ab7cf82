import GRDB
import Hummingbird
import Kernel
import NIOCore
import PluginKit

/// The one place where kernel errors become HTTP problems.
extension Problem {
    /// The problem for an error thrown while handling a request, or `nil` for an unexpected error (a 500).
    static func mapping(_ error: any Error) -> Problem? {
        switch error {
        case let problem as Problem:
            return problem
        case let error as AccessError:
            switch error {
            case .unauthenticated:
                return Problem(.unauthorized) { t in
                    t(
                        "Authentication is required; send an API token as '{header}'.",
                        ["header": "Authorization: Bearer …"])
                }
            case .forbidden:
                // The kernel and plugins give their reasons in English (they name roles, never people); other
                // languages get the general sentence.
                return Problem(.forbidden) { t in
                    t.language == .english
                        ? error.description
                        : t("Your access does not allow this; ask an administrator of the organization.")
                }
            case let .notFound(entity, id):
                return Problem(.notFound) { t in
                    t("No {entity} with id {id} exists here.", ["entity": EntityName.worded(entity, t), "id": "\(id)"])
                }
            }
        case let error as KernelError:
            return mapping(error)
        case let error as SettingsError:
            return .refused(error)
        case let problem as PluginProblem:
            return Problem(problem.status) { t in problem.wording(t.preferring(module: problem.module)) }
        case let veto as Veto:
            return Problem(.conflict, veto.reason)
        case let error as HTTPError:
            // Hummingbird's own refusals (no route, a path parameter of the wrong type) are English sentences;
            // other languages get a general one for their status.
            return Problem(error.status) { t in
                if t.language == .english { return error.body ?? error.status.reasonPhrase }
                switch error.status.code {
                case 404: return t("There is nothing at this address; check it against the API description.")
                case 400: return t("The request could not be read; check the address and its parameters.")
                default: return ProblemTitles.title(of: error.status, t) ?? error.status.reasonPhrase
                }
            }
        case is NIOTooManyBytesError:
            // A route read its body with a cap (an attendance export, a case study's file) and it was larger.
            return Problem(.contentTooLarge) { t in t("The body is larger than this address accepts.") }
        case let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT:
            return Problem(.conflict) { t in
                t("The change conflicts with existing data (a duplicate slug or e-mail?).")
            }
        default:
            return nil
        }
    }

    private static func mapping(_ error: KernelError) -> Problem {
        switch error {
        case let .invalidField(field, reason):
            return .invalid(field) { reason.worded($0) }
        case .notFound, .pluginNotInstalled, .pluginDisabled:
            return Problem(.notFound) { error.worded($0) }
        case .duplicateSlug, .emailTaken, .wrongSessionKind, .sessionCancelled, .notInSeries, .notEnrolled,
            .pluginDependencyNotEnabled, .pluginRequiredBy:
            return Problem(.conflict) { error.worded($0) }
        }
    }
}
