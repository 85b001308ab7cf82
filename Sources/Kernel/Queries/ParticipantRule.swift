/// Who counts as a participant of a series: the one definition every count of participants uses (series reports,
/// organization and network funnels, programme retention, `series show`).
///
/// A participant is a person **enrolled** in the series who is **not on its team**: neither one of its facilitators
/// nor one of its guest speakers. The team may be recorded present (their own attendance is kept, and a facilitator
/// may also have enrolled), but they run the series; counting them would make a session's attendance exceed its
/// enrolment.
public enum ParticipantRule {
    /// The roles that put someone on a series' team.
    public static let teamRoles: Set<SeriesRole.Role> = [.facilitator, .guestSpeaker]

    /// Whether someone holding `roles` in a series (and enrolled in it: the `participant` role) is a participant.
    public static func isParticipant(_ roles: Set<SeriesRole.Role>) -> Bool {
        roles.contains(.participant) && roles.isDisjoint(with: teamRoles)
    }

    /// The SQL condition "the person is not on the series' team", for the kernel's own queries.
    static func notOnTeam(_ series: String, _ person: String) -> String {
        """
        NOT EXISTS (SELECT 1 FROM seriesRole t WHERE t.seriesId = \(series) AND t.personId = \(person) \
        AND t.role IN ('facilitator', 'guestSpeaker'))
        """
    }
}
