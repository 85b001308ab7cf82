import Foundation
import GRDB
import Kernel

/// Everything one feed shows, read in one consistent snapshot.
struct FeedContent: Sendable {
    /// One session with what the feed says about it.
    struct Item: Sendable {
        let session: Session
        let series: WebinarSeries
        let organizationName: String
        let facilitators: [String]

        /// Cancelled sessions, and every session of a cancelled series, show as cancelled.
        var isCancelled: Bool { session.status == .cancelled || series.status == .cancelled }

        /// The last change of what the event shows: the session's, or its series'.
        var lastChange: Date { max(session.updatedAt, series.updatedAt) }
    }

    let title: String
    let summary: String
    /// Who publishes the feed: the organization's name.
    let publisher: String
    /// The zone a schedule is shown in: the series', or the organization's for wider feeds.
    let timeZone: String
    let items: [Item]
    /// The latest change of anything shown (for Last-Modified).
    let lastModified: Date

    /// The end of the last session shown (time zone tables need to reach it).
    var latestInstant: Date { items.map(\.session.endsAt).max() ?? lastModified }
    /// The start of the first session shown (time zone tables start a little before it).
    var earliestInstant: Date { items.map(\.session.startsAt).min() ?? lastModified }

    /// What a feed is about: its title, summary, the series it shows and the zone it is shown in.
    struct Selection: Sendable {
        let title: String
        let summary: String
        let schedule: ScheduleSelection
        let timeZone: String
        /// The language of the feed's own words: a personal calendar's owner's choice, else the organization's,
        /// else English (decided here once, for the feed's version and its rendering alike).
        let language: Language
    }

    /// The selection of `scope` within `organization`, or `nil` when there is no such feed (unknown, draft,
    /// cancelled before publication, foreign): the kernel's calendar rule decides which series a feed lists.
    static func selection(_ scope: FeedScope, organization: Organization, in db: Database) throws -> Selection? {
        let language = organization.language ?? .english
        switch scope {
        case let .series(id):
            guard let series = try ScheduleQueries.listedSeries(id, ownedBy: organization.id!, in: db) else {
                return nil
            }
            return Selection(
                title: series.title, summary: series.summary, schedule: .series(id), timeZone: series.timeZone,
                language: language)
        case .organization:
            return Selection(
                title: organization.name, summary: "", schedule: .organization(organization.id!),
                timeZone: organization.timeZone, language: language)
        case let .person(id):
            guard let owner = try PersonDirectory.addressee(id, in: db) else { return nil }
            let ownLanguage = owner.language ?? language
            let t = FeedsPlugin.wording(in: ownLanguage)
            // Translators: the name of a person's private calendar, shown in their calendar app.
            let title = t("{name}: sessions", ["name": owner.name])
            return Selection(
                title: title, summary: "", schedule: .roles(of: id), timeZone: organization.timeZone,
                language: ownLanguage)
        case .network:
            guard organization.isNetwork else { return nil }
            return Selection(
                title: organization.name, summary: "", schedule: .network(organization.id!),
                timeZone: organization.timeZone, language: language)
        }
    }

    /// A cheap fingerprint of everything the feed shows: it changes when a session or series in it changes, when
    /// one is added, or when a facilitator is added or renamed. Cached output is keyed by it.
    static func version(of selection: Selection, organization: Organization, in db: Database) throws -> String {
        let parts =
            try ScheduleQueries.fingerprint(selection.schedule, in: db)
            // The organization's name and language are in the feed's words.
            + [
                "\(organization.updatedAt.timeIntervalSince1970)",
                selection.language.code,
            ]
        return parts.joined(separator: "|")
    }

    /// Reads the content of a selection (four queries, whatever its size).
    static func load(_ selection: Selection, organization: Organization, in db: Database) throws -> FeedContent {
        let entries = try ScheduleQueries.entries(selection.schedule, in: db)
        // Every series and its facilitators in two queries, not two per series.
        let seriesById = try ScheduleQueries.series(Set(entries.map(\.session.seriesId)), in: db)
        let facilitatorsBySeries = try ScheduleQueries.facilitatorNames(selection.schedule, in: db)
        let items = entries.map { entry in
            Item(
                session: entry.session, series: seriesById[entry.session.seriesId]!,
                organizationName: entry.organizationName,
                facilitators: facilitatorsBySeries[entry.session.seriesId] ?? [])
        }
        // Facilitators' names and the people's roles show too: their changes move Last-Modified as well.
        let roleStamps = try ScheduleQueries.roleStamps(selection.schedule, in: db)
        let stamps =
            items.flatMap { [$0.session.updatedAt, $0.series.updatedAt] } + [organization.updatedAt] + roleStamps
        return FeedContent(
            title: selection.title, summary: selection.summary, publisher: organization.name,
            timeZone: selection.timeZone, items: items, lastModified: stamps.max()!)
    }
}
