extension OutboxWording {
    /// The kinds of message the kernel sends itself, as the outbox page names them (see ``MessageKindName``).
    public static let kernelKinds: [MessageKindName] = [
        MessageKindName(staffInvitation, label: "Staff sign-in invitation"),
        MessageKindName(participantSignIn, label: "Participant sign-in link"),
    ]

    /// A sign-in link for a new or returning member of staff (`indaba user invite`).
    public static let staffInvitation = "kernel.staff-invitation"
    /// A sign-in link a participant asked for on My Indaba.
    public static let participantSignIn = "kernel.participant-sign-in"
}
