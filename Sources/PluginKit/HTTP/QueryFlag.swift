public import Hummingbird
import Kernel

/// A yes-or-no parameter of a plugin route's query string (`?dryRun=true`): `true` or `false` (`1` or `0` too), or
/// absent. Any other value is refused with 400: a `dryRun=yes` once did the real import, the route reading every
/// value but `true` as no.
public enum QueryFlag {
    /// The flag called `name` in `request`'s query string, `false` when absent.
    /// - Throws: ``PluginProblem`` (400) naming the parameter when its value is neither.
    public static func value(_ name: String, in request: Request) throws -> Bool {
        guard let text = request.uri.queryParameters.get(name) else { return false }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default:
            throw PluginProblem(.badRequest) { t in
                t("The query parameter {name} must be true or false.", ["name": name])
            }
        }
    }
}
