public import Kernel

extension RetentionPlugin {
    /// The audit actions the retention plugin writes, as the audit log page names them (the kernel names the area,
    /// `attendance`).
    public static let auditActions = [
        AuditActionName("attendance.imported", label: "Attendance export imported")
    ]
}
