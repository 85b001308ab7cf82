import GRDB

extension WriteTransaction {
    /// Deletes a person, and with them their roles, enrolments, attendance, submissions and credentials.
    ///
    /// Raises ``PersonDeleted`` with the attendance and enrolments that went with them.
    /// - Throws: ``KernelError/notFound(entity:reference:)`` when there is no such person.
    public func deletePerson(_ id: Person.ID) throws {
        guard let person = try Person.fetchOne(db, key: id) else {
            throw KernelError.notFound(entity: "person", reference: "\(id)")
        }
        let present = try ParticipationQueries.sessionsPresent(of: id, in: db)
        let enrolled = try ParticipationQueries.seriesEnrolled(of: id, in: db)
        try Person.deleteOne(db, key: id)
        try auditChange("person.deleted", organization: person.organizationId, subject: .person(id))
        try events.emit(
            PersonDeleted(
                organizationId: person.organizationId, personId: id, gender: person.gender, presentAt: present,
                enrolledIn: enrolled))
    }
}
