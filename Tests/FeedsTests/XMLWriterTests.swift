import Foundation
import Testing

@testable import Feeds

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("XML writer: layout, escaping, forbidden characters")
struct XMLWriterTests {
    @Test("indents two spaces a level, keeps text elements on one line, closes empty elements, declares the namespace")
    func layout() {
        var xml = XMLWriter()
        xml.start("feed", namespace: "http://www.w3.org/2005/Atom")
        xml.attribute("xml:lang", "fr")
        xml.element("title", "Séances")
        xml.element("subtitle", "")
        xml.start("entry")
        xml.start(prefix: "atom", "link")
        xml.attribute("href", "https://example.org/?a=1&b=2")
        xml.end()
        xml.element("summary", "ligne 1\nligne 2")
        xml.end()
        #expect(
            xml.finish() == """
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xml:lang="fr" xmlns="http://www.w3.org/2005/Atom">
                  <title>Séances</title>
                  <subtitle></subtitle>
                  <entry>
                    <atom:link href="https://example.org/?a=1&amp;b=2"/>
                    <summary>ligne 1
                ligne 2</summary>
                  </entry>
                </feed>

                """)
    }

    @Test("escapes what a parser would misread, in text and in attributes")
    func escaping() {
        var xml = XMLWriter()
        xml.start("a")
        xml.attribute("k", "<&>\"'\t\n\r é")
        xml.text("<&>\"'\t\n\r é ]]>")
        #expect(
            xml.finish() == """
                <?xml version="1.0" encoding="UTF-8"?>
                <a k="&lt;&amp;&gt;&quot;'&#9;&#10;&#13; é">&lt;&amp;&gt;&quot;'\t
                &#13; é ]]&gt;</a>

                """)
    }

    #if canImport(FoundationXML)
        @Test("a parser gives back every text and attribute value as written, less the characters XML forbids")
        func roundTrip() throws {
            let pieces = [
                "a", "b c", "&", "<", ">", "\"", "'", "\r", "\n", "\r\n", "\t", "é", "—", "日本", "👩🏽‍💻", "\u{0}", "\u{1}",
                "\u{7F}", "\u{85}", "\u{FFFE}", "\u{FFFF}", "\u{1FFFE}", "\u{E000}", " ", "]]>", "&amp;", "&#x41;",
            ]
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<500 {
                let values = (0..<8).map { _ in
                    (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                        .joined()
                }
                var xml = XMLWriter()
                xml.start("root")
                for value in values {
                    xml.start("v")
                    xml.attribute("k", value)
                    xml.text(value)
                    xml.end()
                }
                let reader = ValueReader()
                let parser = XMLParser(data: Data(xml.finish().utf8))
                parser.delegate = reader
                #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
                let expected = values.map(XMLWriter.clean)
                #expect(reader.attributes == expected)
                // CR goes out as a reference: a parser would read a literal CR LF or CR as LF (XML 1.0, 2.11).
                #expect(reader.texts == expected)
            }
        }

        private final class ValueReader: NSObject, XMLParserDelegate {
            var attributes: [String] = []
            var texts: [String] = []
            private var text: String?

            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                guard name == "v" else { return }
                self.attributes.append(attributes["k"] ?? "")
                text = ""
            }

            func parser(_ parser: XMLParser, foundCharacters string: String) { text? += string }

            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
            {
                guard name == "v", let text else { return }
                texts.append(text)
                self.text = nil
            }
        }
    #endif
}
