import Kernel
import Testing

@testable import Messages

/// Every kind of message the plugin queues (one per template) is named for the outbox and wording pages.
@Suite("Message kinds")
struct MessageKindTests {
    @Test("each template's kind is named, and each name is a template's")
    func everyTemplateIsNamed() {
        let templates = Set(MessageTemplates.all.map { "messages." + $0.0.prefix { $0 != "." } })
        let named = Set(MessagesPlugin.messageKinds.map(\.kind))
        #expect(templates.count == 6)
        #expect(templates == named)
    }
}
