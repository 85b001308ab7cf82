/// What a kind of outgoing message (`messages.reminder`) reads as on the outbox page: "Reminder before a live
/// session".
///
/// The kernel names its own (``OutboxWording/kernelKinds``); a plugin names those it sends
/// (``KernelPlugin/messageKinds``). Labels are messages of the naming module's catalogues: write them in a
/// `…+Descriptions.swift` file, where the catalogue check reads `label:`.
public struct MessageKindName: Sendable, Equatable {
    /// `module.kind`, as in ``MessageDraft/kind``.
    public let kind: String
    /// The English label.
    public let label: String

    public init(_ kind: String, label: String) {
        self.kind = kind
        self.label = label
    }
}

/// The wording of the kernel's own outgoing messages.
public enum OutboxWording {}
