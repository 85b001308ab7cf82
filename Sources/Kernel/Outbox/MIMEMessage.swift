public import Foundation

/// Writes an outbox message as an RFC 5322 message with MIME parts (RFC 2045-2049): plain text, optional HTML and
/// an optional iMIP calendar part (RFC 6047) as alternatives of each other.
///
/// Header words outside ASCII are RFC 2047 encoded words (UTF-8, base64), so the message passes any relay;
/// bodies are quoted-printable UTF-8 with CRLF line ends.
public struct MIMEMessage: Sendable {
    public let message: OutboxMessage
    /// The one-click unsubscribe address (RFC 8058), for optional messages.
    public let unsubscribeURL: String?
    /// When the message is handed over (the Date header).
    public let date: Date

    public init(_ message: OutboxMessage, unsubscribeURL: String?, date: Date) {
        self.message = message
        self.unsubscribeURL = unsubscribeURL
        self.date = date
    }

    /// The whole message, with CRLF line ends.
    public func rendered() -> String {
        var headers: [(String, String)] = [
            ("From", Self.mailbox(message.senderName, message.sender)),
            ("To", Self.mailbox(message.recipientName, message.recipient)),
            ("Subject", Self.encodedWords(message.subject)),
            ("Date", Self.rfc5322Date(date)),
            ("Message-ID", "<\(message.messageId)>"),
            ("MIME-Version", "1.0"),
            // RFC 3834: sent by a program, so vacation responders stay quiet.
            ("Auto-Submitted", "auto-generated"),
        ]
        if let unsubscribeURL {
            headers.append(("List-Unsubscribe", "<\(unsubscribeURL)>"))
            headers.append(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
        }
        var parts = [Self.part("text/plain; charset=UTF-8", message.textBody)]
        if let html = message.htmlBody { parts.append(Self.part("text/html; charset=UTF-8", html)) }
        if let calendar = message.calendar, let method = message.calendarMethod {
            parts.append(Self.part("text/calendar; charset=UTF-8; method=\(method)", calendar))
        }
        var lines = headers.map { "\($0.0): \($0.1)" }
        let boundary = "=_indaba_\(message.messageId.prefix(36))"
        guard let attachment = message.attachment, let name = message.attachmentName else {
            lines.append(contentsOf: Self.alternatives(parts, boundary: boundary))
            return lines.joined(separator: "\r\n") + "\r\n"
        }
        // A file: the readable alternatives first, then the file, as parts of a multipart/mixed.
        let mixed = boundary + "_mixed"
        lines.append("Content-Type: multipart/mixed; boundary=\"\(mixed)\"")
        lines.append("")
        lines.append("This is a message in several parts.")
        lines.append("--\(mixed)")
        lines.append(contentsOf: Self.alternatives(parts, boundary: boundary))
        lines.append("--\(mixed)")
        let safeName = String(name.filter { $0.isASCII && ($0.isLetter || $0.isNumber || ".-_".contains($0)) })
        lines.append("Content-Type: \(message.attachmentType ?? "application/octet-stream"); name=\"\(safeName)\"")
        lines.append("Content-Transfer-Encoding: base64")
        lines.append("Content-Disposition: attachment; filename=\"\(safeName)\"")
        lines.append("")
        lines.append(
            attachment.base64EncodedString(options: [
                .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
            ]))
        lines.append("--\(mixed)--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The parts as one entity: the single part itself, or a multipart/alternative of them (headers included).
    private static func alternatives(_ parts: [Part], boundary: String) -> [String] {
        if parts.count == 1 { return parts[0].headers + ["", parts[0].body] }
        // No preamble: only mail programs that cannot read MIME show one, and it could not be in the reader's language.
        var lines = ["Content-Type: multipart/alternative; boundary=\"\(boundary)\"", ""]
        for part in parts {
            lines.append("--\(boundary)")
            lines.append(contentsOf: part.headers)
            lines.append("")
            lines.append(part.body)
        }
        lines.append("--\(boundary)--")
        return lines
    }

    private struct Part {
        let headers: [String]
        let body: String
    }

    private static func part(_ contentType: String, _ text: String) -> Part {
        Part(
            headers: ["Content-Type: \(contentType)", "Content-Transfer-Encoding: quoted-printable"],
            body: quotedPrintable(text))
    }

    /// `Name <address>`, the name quoted or encoded as needed; the bare address when there is no name.
    static func mailbox(_ name: String, _ address: String) -> String {
        let name = name.filter { !$0.isNewline }
        guard !name.isEmpty else { return address }
        if name.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\" <\(address)>"
        }
        return "\(encodedWords(name)) <\(address)>"
    }

    /// The text as is when it is printable ASCII, otherwise as RFC 2047 encoded words of at most 75 characters,
    /// never splitting a character.
    static func encodedWords(_ text: String) -> String {
        let text = text.filter { !$0.isNewline }
        if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) && text.count <= 900 { return text }
        var words: [String] = []
        var chunk = ""
        for character in text {
            let candidate = chunk + String(character)
            // "=?UTF-8?B?" + base64 + "?=" must stay within 75 characters: at most 45 bytes of UTF-8 per word.
            if candidate.utf8.count > 45 {
                words.append(chunk)
                chunk = String(character)
            } else {
                chunk = candidate
            }
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    /// Quoted-printable (RFC 2045 §6.7) of the UTF-8 text, with CRLF line breaks and soft breaks at 76.
    static func quotedPrintable(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return normalized.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var encoded: [String] = []
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let plain =
                    (byte >= 33 && byte <= 126 && byte != 61) || (byte == 32 && !isLast) || (byte == 9 && !isLast)
                encoded.append(plain ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte))
            }
            var lines: [String] = []
            var current = ""
            for token in encoded {
                if current.count + token.count > 75 {
                    lines.append(current + "=")
                    current = ""
                }
                current += token
            }
            lines.append(current)
            return lines.joined(separator: "\r\n")
        }.joined(separator: "\r\n")
    }

    /// RFC 5322 §3.3 date in UTC: `Thu, 03 Dec 2026 12:00:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
