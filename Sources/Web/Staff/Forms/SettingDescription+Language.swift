import Kernel

extension SettingDescription {
    /// The description in the language of `words`: its label, help and choices' labels are messages of the plugin's
    /// catalogues, which the catalogue check reads where they are written (`…+Descriptions.swift`) rather than here.
    /// Labels the kernel made from a key stay as they are.
    func translated(_ words: Localizer) -> SettingDescription {
        let kind: Kind =
            switch kind {
            case .automatic: .automatic
            case .choice(let choices): .choice(choices.map { Choice($0.value, label: words($0.label)) })
            }
        return SettingDescription(words(label), help: help.map { words($0) }, kind: kind)
    }
}
