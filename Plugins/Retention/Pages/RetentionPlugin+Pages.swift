public import Kernel

/// The organization's recruitment channels (the `channels` setting) are the answers the public enrolment form
/// offers to "how did you hear about it?", so reports count what people chose.
extension RetentionPlugin {
    public func recruitmentChannels(for organization: Organization.ID) async throws -> [String] {
        try await context.settings(RetentionSettings.self, for: organization).channels
    }

    /// Each channel's label, as the organization set it (or made from its code); the default labels, and "Not
    /// said", in `t`'s language.
    public func recruitmentChannelLabels(
        for organization: Organization.ID, in t: Localizer
    ) async throws -> [String: String] {
        let settings = try await context.settings(RetentionSettings.self, for: organization)
        return Dictionary(
            (settings.channels + [settings.walkInChannel, RecruitmentChannel.unsaid]).filter { !$0.isEmpty }
                .map { ($0, settings.label(ofChannel: $0, in: t.preferring(module: Self.id.catalogueModule))) }
        ) { first, _ in first }
    }
}
