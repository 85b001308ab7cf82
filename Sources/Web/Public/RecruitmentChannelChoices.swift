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

    let choices: [Choice]

    /// The channels of the plugins in `enabled` for `organization`, in plugin order, each once.
    static func offered(
        by plugins: [any Plugin], enabled: Set<PluginID>, for organization: Organization.ID, in t: Localizer
    ) async throws -> RecruitmentChannelChoices {
        var channels: [String] = []
        var labels: [String: String] = [:]
        for plugin in plugins where enabled.contains(type(of: plugin).id) {
            let offered = try await plugin.recruitmentChannels(for: organization)
            guard !offered.isEmpty else { continue }
            labels.merge(try await plugin.recruitmentChannelLabels(for: organization, in: t)) { first, _ in first }
            for channel in offered where !channels.contains(channel) { channels.append(channel) }
        }
        if channels.isEmpty { channels = RecruitmentChannel.defaults }
        return RecruitmentChannelChoices(
            choices: channels.map { Choice(value: $0, label: labels[$0] ?? label(fromCode: $0, t)) })
    }

    /// The codes offered.
    var values: [String] { choices.map(\.value) }

    /// A channel without a label from a plugin: Indaba's own words for its channels, in `t`'s language, else its
    /// code as words (`radio-ad` → "Radio ad").
    static func label(fromCode channel: String, _ t: Localizer) -> String {
        RecruitmentChannel.builtInLabel(of: channel, t) ?? RecruitmentChannel.words(fromCode: channel)
    }
}
