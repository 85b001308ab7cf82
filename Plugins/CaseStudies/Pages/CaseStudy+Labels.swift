import Kernel

extension CaseStudy.Visibility {
    /// Who may read a study with this visibility, in the reader's language.
    func label(_ t: Localizer) -> String {
        switch self {
        case .private: t("the contributing organization only")
        case .network: t("the network")
        // Translators: who may read a case study: anyone on the internet (completes "Visible to …").
        case .public: t("public")
        }
    }
}

extension CaseStudy.Origin {
    /// Where the initiative came from, in the reader's language.
    func label(_ t: Localizer) -> String {
        switch self {
        case .network: t("An initiative of the network")
        case .outside: t("An initiative from outside the network")
        }
    }
}
