public import GRDB

/// The roles a caller can have. Anonymous callers have none.
public enum AccessRole: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// Everything in a network: the network itself and all its member organizations.
    case networkCoordinator
    /// Everything in one organization.
    case organizationAdmin
    /// Reads the series the person facilitates and records their attendance.
    case facilitator
}
