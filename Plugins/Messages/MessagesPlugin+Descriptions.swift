public import Kernel

extension MessagesPlugin {
    /// The kinds of message the plugin sends, one per template, as the outbox and the wording pages name them.
    public static let messageKinds = [
        MessageKindName("messages.confirmation", label: "Enrolment confirmation"),
        MessageKindName("messages.update", label: "Session moved"),
        MessageKindName("messages.cancellation", label: "Session cancelled"),
        MessageKindName("messages.reminder", label: "Reminder before a live session"),
        MessageKindName("messages.exercise", label: "Reminder before an exercise's deadline"),
        MessageKindName("messages.followUp", label: "We missed you"),
    ]
}
