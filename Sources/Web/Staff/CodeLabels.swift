import Kernel

/// What codes written for programs (an audit action, a kind of message, a plugin's id) read as on a page, each
/// label a message of the catalogues of the module that names it.
struct CodeLabels: Sendable {
    private var labels: [String: (label: String, module: String)] = [:]

    /// Names `code` with `label`, a message of `module`'s catalogues.
    mutating func name(_ code: String, _ label: String, module: String) {
        labels[code] = (label, module)
    }

    /// `code`'s label in `t`'s language, if something named it.
    func label(_ code: String, _ t: Localizer) -> String? {
        guard let (label, module) = labels[code] else { return nil }
        // The label is a message of its module's catalogues, read by the catalogue check where it is written.
        return t.preferring(module: module).callAsFunction(label)
    }
}
