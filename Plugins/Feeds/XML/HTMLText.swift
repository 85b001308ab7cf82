/// Plain text made into HTML that shows exactly that text.
///
/// Feed readers read an RSS item's `<description>` as HTML (the RSS Best Practices Profile says so) and most read
/// a title that looks like HTML as HTML too. So RSS carries text escaped for HTML, and the XML writer escapes it once
/// more: a title typed as `<b>x</b>` shows as typed, never bold, and a `<script>` in it is never run.
enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as character references; line breaks as `<br>` when `lineBreaks` (descriptions,
    /// always read as HTML). A title keeps its line breaks as they are: a reader that takes it for plain text
    /// would show a `<br>` literally, and one that takes it for HTML shows white space.
    static func escape(_ text: String, lineBreaks: Bool = true) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\n", "\r\n", "\r": if lineBreaks { result += "<br>" } else { result.append(character) }
            default: result.append(character)
            }
        }
        return result
    }
}
