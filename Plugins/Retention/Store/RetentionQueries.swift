import Foundation
import GRDB
import Kernel

/// Small lookups the plugin's commands and routes share, answered by the kernel's ``SeriesOwnership``.
enum RetentionQueries {
    static func organization(ofSeries series: WebinarSeries.ID, in db: Database) throws -> Organization.ID {
        try SeriesOwnership.owner(ofSeries: series, in: db)
    }

    /// Whether `organization` may act on what `owner` owns: its own, or a member's when it is the member's network.
    static func covers(_ organization: Organization.ID, _ owner: Organization.ID, in db: Database) throws -> Bool {
        try SeriesOwnership.covers(organization, owner: owner, in: db)
    }

    /// Refuses a series (given by id, as a session's or a series' own) that is neither the organization's nor,
    /// for a network, a member's.
    static func requireOwned(series: WebinarSeries.ID, by organization: Organization.ID, in db: Database) throws {
        guard try covers(organization, self.organization(ofSeries: series, in: db), in: db) else {
            throw KernelError.invalidField(
                field: "series",
                reason: FieldReason(
                    "series {series} is not one of organization {organization}'s (nor its members')",
                    ["series": "\(series)", "organization": "\(organization)"]))
        }
    }
}

extension RetentionQueries {
    /// The organization, and for a network its members too.
    static func organizationsCovered(by organization: Organization, in db: Database) throws -> [Organization.ID] {
        try SeriesOwnership.organizations(coveredBy: organization.id!, in: db)
    }
}
