import Testing

@testable import CaseStudies

/// Search snippets are cut by FTS5 from a study's Markdown source: they are shown as plain text, matches marked.
@Suite struct SnippetTextTests {
    static let (open, close) = ("\u{E000}", "\u{E001}")

    static func marked(_ word: String) -> String { open + word + close }

    @Test("headings, emphasis, links and lists read as their words; the matches stay marked")
    func markdownBecomesText() {
        let snippet = """
            ## The \(Self.marked("problem"))

            Women **\(Self.marked("producers"))** joined [the open \(Self.marked("studio"))](https://radio.example.org/x) \
            days:
            - `rota` _kept_
            > quoted
            """
        #expect(
            SnippetText.plain(snippet)
                == "The \(Self.marked("problem")) Women \(Self.marked("producers")) joined the open "
                + "\(Self.marked("studio")) days: rota kept quoted")
    }

    @Test("what the cut left unbalanced at either end goes: half a link, an address's tail, lone emphasis")
    func edgesOfTheCut() {
        #expect(
            SnippetText.plain("…studio](https://radio.example.org/x) and \(Self.marked("more"))")
                == "…studio and \(Self.marked("more"))")
        #expect(SnippetText.plain("…example.org/open) days \(Self.marked("work"))") == "… days \(Self.marked("work"))")
        #expect(
            SnippetText.plain("see the [\(Self.marked("checklist"))](https://rad…")
                == "see the \(Self.marked("checklist"))…")
        #expect(SnippetText.plain("see the [\(Self.marked("check"))…") == "see the \(Self.marked("check"))…")
        #expect(
            SnippetText.plain("…producers** joined **\(Self.marked("early"))…")
                == "…producers joined \(Self.marked("early"))…")
    }

    @Test("plain text is left alone: snake_case words, a lone star, angle brackets (escaped later, once)")
    func plainTextStays() {
        #expect(SnippetText.plain("snake_case and 2 * 3") == "snake_case and 2 * 3")
        #expect(SnippetText.plain("<script>alert('x')</script> & co") == "<script>alert('x')</script> & co")
        #expect(
            SearchMarkers.html(SnippetText.plain("a <b> \(Self.marked("c"))")) == "a &lt;b&gt; <mark>c</mark>")
    }
}
