import Foundation
import Kernel
import Synchronization

/// Rendered feeds, kept while their content is unchanged.
///
/// An entry is valid only for the content version it was rendered from, so a stale entry can never be served;
/// kernel events also evict the entries of the feeds a change touches, so memory follows what is current.
final class FeedCache: Sendable {
    struct Key: Hashable, Sendable {
        let scope: FeedScope
        let format: FeedFormat
        /// Everything besides the data that changes the bytes: the feed's URL.
        let variant: String
    }

    struct Entry: Sendable {
        let version: String
        let representation: FeedRepresentation
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var hits = 0
    }

    // A lock rather than an actor: a lookup is a dictionary read, cheaper than hopping executors on every poll.
    private let state = Mutex(State())
    /// Counts every change to the entries: a replayed answer checks that none came since it was made.
    private let changes = Atomic<UInt64>(0)
    private let capacity: Int

    init(capacity: Int = 2_000) {
        self.capacity = capacity
    }

    /// How many requests were answered from the cache (for tests and diagnostics).
    var hits: Int { state.withLock { $0.hits } }

    /// The entry for `key` if it was rendered from `version`.
    func entry(for key: Key, version: String) -> FeedRepresentation? {
        state.withLock { state in
            guard let entry = state.entries[key], entry.version == version else { return nil }
            state.hits += 1
            return entry.representation
        }
    }

    /// A mark of the entries as they are now; see ``isUnchanged(since:)``.
    var mark: UInt64 { changes.load(ordering: .acquiring) }

    /// Whether no entry was stored or evicted since `mark` was taken: then an entry read after taking it is still
    /// held as it was (kernel events evict entries). Checked before every replayed answer, so it reads one number.
    func isUnchanged(since mark: UInt64) -> Bool { changes.load(ordering: .acquiring) == mark }

    func store(_ representation: FeedRepresentation, for key: Key, version: String) {
        state.withLock { state in
            // Counted under the lock: a mark that sees the count sees the change done.
            changes.add(1, ordering: .releasing)
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = Entry(version: version, representation: representation)
        }
    }

    /// Drops every rendered feed with one of `scopes`.
    func evict(_ scopes: Set<FeedScope>) {
        state.withLock { state in
            changes.add(1, ordering: .releasing)
            state.entries = state.entries.filter { !scopes.contains($0.key.scope) }
        }
    }

    /// How many feeds are held (for tests and diagnostics).
    var count: Int { state.withLock { $0.entries.count } }

    /// Whether a feed of `scope` is held.
    func holds(_ scope: FeedScope) -> Bool { state.withLock { $0.entries.keys.contains { $0.scope == scope } } }
}

/// The formats a feed is served in, each at a fixed file name in the feed's folder.
enum FeedFormat: String, Hashable, Sendable, CaseIterable {
    case iCalendar, xCal, rss, atom, frab

    var fileName: String {
        switch self {
        case .iCalendar: "calendar.ics"
        case .xCal: "calendar.xcs"
        case .rss: "feed.rss"
        case .atom: "feed.atom"
        case .frab: "schedule.xml"
        }
    }

    var contentType: String {
        switch self {
        case .iCalendar: "text/calendar; charset=utf-8"
        case .xCal: "application/calendar+xml; charset=utf-8"
        case .rss: "application/rss+xml; charset=utf-8"
        case .atom: "application/atom+xml; charset=utf-8"
        case .frab: "application/xml; charset=utf-8"
        }
    }

    /// What the format is, for people.
    var displayName: String {
        switch self {
        case .iCalendar: "iCalendar calendar (RFC 5545, RFC 7986)"
        case .xCal: "xCal calendar (RFC 6321)"
        case .rss: "RSS 2.0 feed"
        case .atom: "Atom feed (RFC 4287)"
        case .frab: "frab schedule.xml"
        }
    }

    func render(_ content: FeedContent, options: FeedOptions) -> String {
        switch self {
        case .iCalendar: ICalendarFeed.render(content, options: options)
        case .xCal: XCalFeed.render(content, options: options)
        case .rss: SyndicationFeeds.rss(content, options: options)
        case .atom: SyndicationFeeds.atom(content, options: options)
        case .frab: FrabSchedule.render(content, options: options)
        }
    }
}
