import Testing

@testable import Feeds

@Suite("Feed text: HTML escaping of RSS titles and descriptions")
struct FeedTextTests {
    /// The escaping rules, one scalar at a time.
    private func model(_ text: String, lineBreaks: Bool, quotes: Bool) -> String {
        var result = ""
        var previous: Unicode.Scalar = "\0"
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            case "'" where quotes: result += "&#39;"
            case "\n" where lineBreaks && previous == "\r": break
            case "\n" where lineBreaks, "\r" where lineBreaks: result += "<br>"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    @Test("escape and title follow the rules on random text: marks on the escaped characters, CR LF, lone CR and LF")
    func randomText() {
        let pieces = ["a", " ", "&", "<", ">", "\"", "'", "\r", "\n", "\r\n", "\u{301}", "é", "日本", "👩🏽‍💻", "<br>", "\t"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            #expect(HTMLText.escape(text) == model(text, lineBreaks: true, quotes: true))
            #expect(HTMLText.escape(text, lineBreaks: false) == model(text, lineBreaks: false, quotes: true))
            #expect(HTMLText.title(text) == model(text, lineBreaks: false, quotes: false))
        }
    }
}
