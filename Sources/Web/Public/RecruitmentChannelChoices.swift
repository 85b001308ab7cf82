import Foundation
import Kernel
import PluginKit

/// The recruitment channels enrolment forms offer ("how did you hear about it?"), with their labels: those of the
/// plugins the organization enabled, or a default list when none has an opinion.
struct RecruitmentChannelChoices: Sendable {
    /// A channel's code (what is stored and counted) and what people read.
    struct Choice: Sendable, Equatable {
        let value: String
        let label: String
    }

    static let defaultChannels = ["newsletter", "partner-org", "social-media", "word-of-mouth", "website"]

    let choices: [Choice]

    /// The channels of the plugins in `enabled` for `organization`, in plugin order, each once.
    static func offered(
        by plugins: [any Plugin], enabled: Set<PluginID>, for organization: Organization.ID
    ) async throws -> RecruitmentChannelChoices {
        var channels: [String] = []
        var labels: [String: String] = [:]
        for plugin in plugins where enabled.contains(type(of: plugin).id) {
            let offered = try await plugin.recruitmentChannels(for: organization)
            guard !offered.isEmpty else { continue }
            labels.merge(try await plugin.recruitmentChannelLabels(for: organization)) { first, _ in first }
            for channel in offered where !channels.contains(channel) { channels.append(channel) }
        }
        if channels.isEmpty { channels = defaultChannels }
        return RecruitmentChannelChoices(
            choices: channels.map { Choice(value: $0, label: labels[$0] ?? label(fromCode: $0)) })
    }

    /// The codes offered.
    var values: [String] { choices.map(\.value) }

    /// A code as words, for a channel without a label: `word-of-mouth` → "Word of mouth".
    static func label(fromCode channel: String) -> String {
        let words = channel.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
