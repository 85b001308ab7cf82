import Foundation
public import Kernel

/// Who runs a command, for the audit log: `--as NAME` when given, else the operating-system login name.
public enum CommandLineUser {
    /// The login name of the operating-system user: `USER`, else `LOGNAME`, else the account name the system
    /// reports for the process, else the numeric user id (`uid1000`) — never "unknown" (cron and containers often
    /// leave `USER` unset, and an account missing from the password file has no name).
    public static func login(environment: [String: String], accountName: String, userId: UInt32) -> String {
        for candidate in [environment["USER"], environment["LOGNAME"], accountName] {
            if let candidate, !candidate.trimmingCharacters(in: .whitespaces).isEmpty { return candidate }
        }
        return "uid\(userId)"
    }

    /// Why `name` cannot stand for whoever runs a command (`--as`), or `nil`: a short single-line name.
    public static func nameProblem(_ name: String) -> FieldProblem? {
        FieldRules.nameProblem(name, limit: 64)
    }
}
