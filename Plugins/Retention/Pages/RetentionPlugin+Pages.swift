public import Kernel

/// The organization's recruitment channels (the `channels` setting) are the answers the public enrolment form
/// offers to "how did you hear about it?", so reports count what people chose.
extension RetentionPlugin {
    public func recruitmentChannels(for organization: Organization.ID) async throws -> [String] {
        try await context.settings(RetentionSettings.self, for: organization).channels
    }
}
