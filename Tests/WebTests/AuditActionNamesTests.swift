import CaseStudies
import Certificates
import Feeds
import Foundation
import Kernel
import Messages
import Retention
import Testing

/// Every audit action the code writes has a name people read on the audit log page, given by the kernel or by the
/// plugin that writes it (``Kernel/AuditActionName``), so that the catalogue check holds its translations.
@Suite struct AuditActionNamesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let plugins: [any KernelPlugin.Type] = [
        CaseStudiesPlugin.self, CertificatesPlugin.self, FeedsPlugin.self, MessagesPlugin.self, RetentionPlugin.self,
    ]

    /// The actions written in `text`: `"area.verb"` literals in a file that writes audit lines, and for
    /// `auditSave("kind", …)` the `kind.created` and `kind.updated` it writes.
    static func actions(in text: String) throws -> Set<String> {
        guard text.contains("audit(") || text.contains("auditChange(") || text.contains("auditSave(") else {
            return []
        }
        var found = Set<String>()
        let range = NSRange(text.startIndex..., in: text)
        let literal = try NSRegularExpression(pattern: #""([a-z][a-zA-Z]*\.[a-z][a-zA-Z]*)""#)
        for match in literal.matches(in: text, range: range) {
            found.insert((text as NSString).substring(with: match.range(at: 1)))
        }
        let saved = try NSRegularExpression(pattern: #"auditSave\(\s*"([a-z][a-zA-Z]*)""#)
        for match in saved.matches(in: text, range: range) {
            let kind = (text as NSString).substring(with: match.range(at: 1))
            found.formUnion(["\(kind).created", "\(kind).updated"])
        }
        return found
    }

    @Test("each action the kernel and the plugins write is named, and each area of them")
    func everyActionIsNamed() throws {
        var written = Set<String>()
        for folder in ["Sources/Kernel", "Plugins"] {
            let files =
                FileManager.default.enumerator(at: Self.root.appending(path: folder), includingPropertiesForKeys: nil)?
                .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
            for file in files { written.formUnion(try Self.actions(in: String(contentsOf: file, encoding: .utf8))) }
        }
        // Literals in those files that are not actions: file names of feeds, and ids in JSON details.
        written = written.filter { !$0.hasSuffix(".id") && !$0.hasSuffix(".ids") }
        #expect(written.isSuperset(of: ["series.published", "programme.updated", "feeds.personalLinkRotated"]))
        let named = Set((AuditWording.kernelActions + Self.plugins.flatMap { $0.auditActions }).map(\.action))
        let unnamed = written.subtracting(named).sorted()
        #expect(unnamed.isEmpty, "audit actions without a name: \(unnamed.joined(separator: ", "))")
        let areas = Set(written.compactMap { $0.split(separator: ".").first.map(String.init) })
        #expect(areas.subtracting(named).isEmpty, "areas without a name: \(areas.subtracting(named).sorted())")
    }
}
