import Kernel
import Testing

@testable import Messages

@Suite("A template that does not parse is explained where and why, in the page's language")
struct TemplateProblemTests {
    @Test("an unclosed section and an unfinished tag, in French and English, with line and column")
    func problems() throws {
        var translations = Translations()
        try translations.add(MessagesPlugin.translationCatalogues, module: MessagesPlugin.id.catalogueModule)
        let french = translations.localizer(for: .french)
        let unclosed = "Bonjour {{name}},\n{{#sessions}}\n- {{title}}\n"
        let problem = try #require(MessageTemplates.problem(unclosed, french))
        #expect(problem.hasPrefix("ligne "), "\(problem)")
        #expect(problem.contains("n’est jamais fermée"), "\(problem)")
        #expect(!problem.contains("Error") && !problem.contains("Mustache"), "no Swift error text: \(problem)")
        let unfinished = try #require(MessageTemplates.problem("Hello {{name", .english))
        #expect(unfinished.hasPrefix("line 1, column "), "\(unfinished)")
        #expect(MessageTemplates.problem("Hello {{name}}", french) == nil)
    }
}
