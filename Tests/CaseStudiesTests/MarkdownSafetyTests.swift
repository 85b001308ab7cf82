import Foundation
import Testing

@testable import CaseStudies

@Suite("Markdown to safe HTML: a hostile list, and the Markdown a study uses")
struct MarkdownSafetyTests {
    /// Inputs meant to run script, add handlers, or smuggle a javascript:/data: URL through the renderer.
    static let hostile: [String] = [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"https://ok.example\" onclick=\"alert(1)\">x</a>",
        "<svg/onload=alert(1)>",
        "<body onload=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<style>*{background:url(javascript:alert(1))}</style>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click]( javascript:alert(1) )",
        "[click](<javascript:alert(1)>)",
        "[click](java\tscript:alert(1))",
        "[click](java&#x09;script:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))",
        "[click](&#0000106&#0000097vascript:alert(1))",
        "[click](javascript&colon;alert(1))",
        "[click](javascript&#58;alert(1))",
        "[click](\u{0}javascript:alert(1))",
        "[click](\u{200B}javascript:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](DATA:text/html,<script>alert(1)</script>)",
        "[click](file:///etc/passwd)",
        "![x](javascript:alert(1))",
        "![x\" onerror=\"alert(1)](https://ok.example/a.png)",
        "[x](https://ok.example/\" onmouseover=\"alert(1))",
        "[x](https://ok.example/'onmouseover='alert(1))",
        "<javascript:alert(1)>",
        "<data:text/html,hi>",
        "[a [b](javascript:alert(1))](https://ok.example)",
        "[[x](javascript:alert(1))](javascript:alert(2))",
        "**[bold](javascript:alert(1))**",
        "> [quoted](javascript:alert(1))\n> <script>alert(1)</script>",
        "- [item](javascript:alert(1))\n  - <img src=x onerror=alert(1)>",
        "`<script>alert(1)</script>`",
        "```\n</code></pre><script>alert(1)</script>\n```",
        "# <script>alert(1)</script> heading",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<!-- --><script>alert(1)</script> -->",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[x](https://ok.example)<script>",
        "\\<script>alert(1)\\</script>",
        "<<script>script>alert(1)<</script>/script>",
        "[x](#\" onfocus=\"alert(1)\" autofocus=\")",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "[x](  \u{1}javascript:alert(1))",
        String(repeating: ">", count: 200) + " deep <script>alert(1)</script>",
        String(repeating: "*", count: 500) + "x" + String(repeating: "*", count: 500),
        String(repeating: "[", count: 300) + "x](javascript:alert(1))",
        // Large hostile shapes that a quadratic scan would take minutes over.
        String(repeating: "[", count: 60_000) + "x](javascript:alert(1))",
        String(repeating: "*a ", count: 30_000),
        String(repeating: "`` ` ", count: 20_000),
        String(repeating: "[a](", count: 20_000),
        String(repeating: "<a", count: 30_000),
        String(repeating: "_a ", count: 30_000) + String(repeating: "a_ ", count: 3),
    ]

    @Test(
        "no hostile input yields a script, a handler, a style, or an href that is not http(s), mailto or relative",
        arguments: hostile)
    func hostileInput(_ markdown: String) throws {
        let html = MarkdownRenderer.html(markdown)
        try SafeHTMLCheck.verify(html)
    }

    @Test("the renderer writes the Markdown a study uses")
    func ordinaryMarkdown() {
        let html = MarkdownRenderer.html(
            """
            ## What we did

            A *small* change with **big** effects and `code`; see [the report](https://example.org/r?a=1&b=2).

            1. First
            2. Second

            - one
            - two

            > A quote

            ---
            <https://example.org>
            """)
        #expect(
            html == """
                <h2>What we did</h2>
                <p>A <em>small</em> change with <strong>big</strong> effects and <code>code</code>; see \
                <a href="https://example.org/r?a=1&amp;b=2" rel="nofollow noopener">the report</a>.</p>
                <ol><li>First</li><li>Second</li></ol>
                <ul><li>one</li><li>two</li></ul>
                <blockquote>
                <p>A quote</p>
                </blockquote>
                <hr>
                <p><a href="https://example.org" rel="nofollow noopener">https://example.org</a></p>
                """)
        #expect(MarkdownRenderer.html("[x](javascript:alert(1))") == "<p>x</p>")
        #expect(MarkdownRenderer.html("<b>bold</b>") == "<p>&lt;b&gt;bold&lt;/b&gt;</p>")
        #expect(MarkdownRenderer.html("[mail](mailto:a@example.org)").contains("href=\"mailto:a@example.org\""))
        #expect(MarkdownRenderer.html("[rel](/reports/1.pdf)").contains("href=\"/reports/1.pdf\""))
        #expect(MarkdownRenderer.html("[x](java&#115;cript:alert(1))") == "<p>x</p>")
    }

    @Test("the URL whitelist: allowed schemes in any case, relative paths, nothing else")
    func urlWhitelist() {
        for allowed in [
            "https://a.example", "HTTP://a.example", "mailto:x@a.example", "/path", "#part", "a/b:c", "?q=1",
        ] {
            #expect(SafeURL.check(allowed) != nil, "\(allowed)")
        }
        for refused in [
            "javascript:x", "JAVASCRIPT:x", "data:x", "vbscript:x", "file:x", "java\nscript:x", " javascript:x",
            "jav&#x0A;ascript:x", "&#x20;javascript:x", "javascript&colon;x", "", "java\u{AD}script:x",
        ] {
            #expect(SafeURL.check(refused) == nil, "\(refused)")
        }
    }
}

/// Checks rendered HTML the way a browser would read it: only the renderer's own tags, only `href` (safe), `rel`
/// and `start` attributes, and no text that a browser would turn back into markup.
enum SafeHTMLCheck {
    struct Unsafe: Error, CustomStringConvertible {
        let description: String
    }

    static let tags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre", "a", "ul", "ol", "li", "blockquote",
        "hr", "br",
    ]

    static func verify(_ html: String) throws {
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else {
                throw Unsafe(description: "an unclosed '<' in \(html)")
            }
            let tag = rest[rest.index(after: open)..<close]
            let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
            guard tags.contains(name) else { throw Unsafe(description: "tag <\(tag)> in \(html)") }
            for attribute in attributes(of: tag.drop { $0 == "/" }.dropFirst(name.count)) {
                switch attribute.name {
                case "rel", "start": break
                case "href":
                    guard let url = SafeURL.check(decodeEntities(attribute.value)),
                        url.lowercased().hasPrefix("http") || url.lowercased().hasPrefix("mailto:")
                            || !url.contains(":") || url.first == "/" || url.first == "#"
                    else { throw Unsafe(description: "href \(attribute.value) in \(html)") }
                default:
                    throw Unsafe(description: "attribute \(attribute.name) in \(html)")
                }
            }
            rest = rest[rest.index(after: close)...]
        }
        let lowered = html.lowercased()
        for needle in ["javascript:", "vbscript:", "data:text", "<script", "<img", "<svg", "<iframe", "<style"] {
            if lowered.contains("href=\"\(needle)") || lowered.contains(needle) && needle.hasPrefix("<") {
                throw Unsafe(description: "\(needle) in \(html)")
            }
        }
    }

    private static func attributes(of text: Substring) -> [(name: String, value: String)] {
        var result: [(String, String)] = []
        var rest = text.drop { $0 == " " }
        while !rest.isEmpty, rest != "/" {
            let name = rest.prefix { $0 != "=" && $0 != " " && $0 != ">" }
            rest = rest.dropFirst(name.count)
            var value = ""
            if rest.first == "=" {
                rest = rest.dropFirst()
                if rest.first == "\"" {
                    rest = rest.dropFirst()
                    value = String(rest.prefix { $0 != "\"" })
                    rest = rest.dropFirst(value.count + 1)
                } else {
                    value = String(rest.prefix { $0 != " " })
                    rest = rest.dropFirst(value.count)
                }
            }
            result.append((name.lowercased(), value))
            rest = rest.drop { $0 == " " }
        }
        return result
    }

    private static func decodeEntities(_ text: String) -> String {
        HTMLText.decodeReferences(text)
    }
}
