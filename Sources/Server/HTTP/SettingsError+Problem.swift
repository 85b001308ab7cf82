import Kernel

extension Problem {
    /// A 422 naming each refused setting (`settings.refreshMinutes`), its detail in the client's language: the
    /// plugin's reasons from its own catalogues first, the kernel's from the kernel's.
    static func refused(_ error: SettingsError) -> Problem {
        let plugin: PluginID
        let fields: [String]
        switch error {
        case let .unknownKeys(id, keys, _): (plugin, fields) = (id, keys)
        case let .invalidValue(id, key, _): (plugin, fields) = (id, [key])
        }
        return .invalid(
            fields.map { FieldProblem(field: "settings.\($0)") { t in error.worded(t.preferring(plugin)) } })
    }
}
