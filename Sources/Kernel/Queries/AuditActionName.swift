/// What an audit action (`series.created`) or a whole area of actions (`series`) reads as on the audit log page:
/// "Series created", "Any series change".
///
/// The kernel names its own (``AuditWording/kernelActions``); a plugin names those it writes
/// (``KernelPlugin/auditActions``). Labels are messages of the naming module's catalogues: write them in a
/// `…+Descriptions.swift` file, where the catalogue check reads `label:`.
public struct AuditActionName: Sendable, Equatable {
    /// `area.verb`, or an area alone.
    public let action: String
    /// The English label.
    public let label: String

    public init(_ action: String, label: String) {
        self.action = action
        self.label = label
    }
}
