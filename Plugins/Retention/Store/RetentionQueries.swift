import Foundation
import GRDB
import Kernel

/// Small lookups the plugin's commands and routes share.
enum RetentionQueries {
    static func organization(ofSeries series: WebinarSeries.ID, in db: Database) throws -> Organization.ID {
        try Organization.ID.fetchOne(
            db,
            sql: "SELECT p.organizationId FROM webinarSeries s JOIN programme p ON p.id = s.programmeId WHERE s.id = ?",
            arguments: [series])!
    }

    /// Refuses a session of another organization than the one the command or request acts for.
    static func requireOwned(session: Session, by organization: Organization.ID, in db: Database) throws {
        guard try self.organization(ofSeries: session.seriesId, in: db) == organization else {
            throw KernelError.invalidField(
                field: "session", reason: "session \(session.id!) belongs to another organization than \(organization)")
        }
    }

    /// Refuses a series of another organization than the one the command or request acts for.
    static func requireOwned(series: WebinarSeries, by organization: Organization.ID, in db: Database) throws {
        guard try self.organization(ofSeries: series.id!, in: db) == organization else {
            throw KernelError.invalidField(
                field: "series", reason: "series \(series.id!) belongs to another organization than \(organization)")
        }
    }
}

extension RetentionQueries {
    /// The organization, and for a network its members too.
    static func organizationsCovered(by organization: Organization, in db: Database) throws -> [Organization.ID] {
        try Organization.ID.fetchAll(
            db, sql: "SELECT id FROM organization WHERE id = ? OR parentId = ? ORDER BY id",
            arguments: [organization.id, organization.id])
    }
}
