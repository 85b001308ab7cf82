import HTTPTypes
import Kernel

/// The titles of problems, by status, in the client's language: RFC 9457 lets a title change only to be
/// translated.
enum ProblemTitles {
    /// The title of `status` in the language of `t`, or nil for a status the API does not answer with.
    static func title(of status: HTTPResponse.Status, _ t: Localizer) -> String? {
        switch status.code {
        case 400: t("Bad Request")
        case 401: t("Unauthorized")
        case 403: t("Forbidden")
        case 404: t("Not Found")
        case 405: t("Method Not Allowed")
        case 406: t("Not Acceptable")
        case 409: t("Conflict")
        case 410: t("Gone")
        case 412: t("Precondition Failed")
        case 413: t("Content Too Large")
        case 415: t("Unsupported Media Type")
        case 422: t("Unprocessable Content")
        case 428: t("Precondition Required")
        case 429: t("Too Many Requests")
        case 500: t("Internal Server Error")
        case 503: t("Service Unavailable")
        default: nil
        }
    }
}
