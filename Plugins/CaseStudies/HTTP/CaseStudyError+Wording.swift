import Kernel

extension CaseStudyError {
    /// The problem in `t`'s language, for API problems. In English it is ``description``, word for word.
    func worded(_ t: Localizer) -> String {
        guard t.language != .english else { return description }
        switch self {
        case let .notFound(reference):
            return t("No case study '{reference}' is visible here.", ["reference": reference])
        case .emptyQuery:
            return t("The search query is empty; give some words.")
        }
    }
}
