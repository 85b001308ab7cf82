public import Kernel

extension FeedsPlugin {
    /// The audit actions the feeds plugin writes, as the audit log page names them.
    public static let auditActions = [
        AuditActionName("feeds", label: "Any calendar feed change"),
        AuditActionName("feeds.personalLinkRotated", label: "Personal calendar link replaced"),
    ]
}
