import Foundation
import Kernel

/// How one feed is rendered: its URL, the organization's settings, and what the audience may see.
struct FeedOptions: Sendable {
    let feedURL: String
    let settings: FeedsSettings
    let includeJoinLinks: Bool
    /// Whether the feed mixes several series (then each title names its series).
    let spansSeries: Bool

    /// The host part of the base URL, used in UIDs.
    var host: String { URL(string: feedURL)?.host ?? "indaba.invalid" }

    func title(for content: FeedContent) -> String {
        settings.title.isEmpty ? content.title : settings.title
    }

    func summary(for item: FeedContent.Item) -> String {
        let title = spansSeries ? "\(item.series.title): \(item.session.title)" : item.session.title
        return item.isCancelled ? "Cancelled: \(title)" : title
    }

    /// Series, agenda and facilitators, one fact a line.
    func description(for item: FeedContent.Item) -> String {
        var lines = ["\(item.series.title) (\(item.organizationName)), session \(item.session.position)."]
        if !item.session.agenda.isEmpty { lines.append("Agenda: " + item.session.agenda.joined(separator: "; ")) }
        if settings.showFacilitators, !item.facilitators.isEmpty {
            lines.append("Facilitators: " + item.facilitators.joined(separator: ", "))
        }
        if item.isCancelled { lines.append("This session is cancelled.") }
        return lines.joined(separator: "\n")
    }
}
