public import Kernel

extension CaseStudiesPlugin {
    /// The audit actions the case-study library writes, as the audit log page names them.
    public static let auditActions = [
        AuditActionName("caseStudies", label: "Any case study change"),
        AuditActionName("caseStudies.create", label: "Case study written"),
        AuditActionName("caseStudies.update", label: "Case study edited"),
        AuditActionName("caseStudies.link", label: "Case study linked to a series"),
        AuditActionName("caseStudies.unlink", label: "Case study unlinked from a series"),
    ]
}
