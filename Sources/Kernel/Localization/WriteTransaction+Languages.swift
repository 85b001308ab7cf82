import GRDB

extension WriteTransaction {
    /// Sets the language `person` reads e-mails, certificates and their own pages in (nil: none chosen); audited.
    public func setPreferredLanguage(_ language: Language?, for person: Person.ID) throws {
        guard var record = try Person.fetchOne(db, key: person) else {
            throw KernelError.notFound(entity: "person", reference: "\(person)")
        }
        guard record.preferredLanguage != language?.code else { return }
        record.preferredLanguage = language?.code
        record.updatedAt = now
        try record.update(db)
        try audit(
            "person.languageChanged", organization: record.organizationId, subject: .person(person),
            detail: ["language": .string(language?.code ?? "none")])
    }

    /// Sets the language `organization`'s pages fall back to (nil: English); audited. Returns the organization as
    /// it now is.
    @discardableResult
    public func setDefaultLanguage(_ language: Language?, for organization: Organization.ID) throws -> Organization {
        guard var record = try Organization.fetchOne(db, key: organization) else {
            throw KernelError.notFound(entity: "org", reference: "\(organization)")
        }
        guard record.defaultLanguage != language?.code else { return record }
        record.defaultLanguage = language?.code
        record.updatedAt = now
        try record.update(db)
        try audit(
            "organization.languageChanged", organization: organization, subject: .organization(organization),
            detail: ["language": .string(language?.code ?? "none")])
        return record
    }
}
