import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import PluginKit
import ServerTesting
import Testing

/// Settings with a nested object and a list of objects, which the form edits as JSON.
struct NestedSettings: PluginSettings {
    struct Window: Codable, Sendable, Equatable {
        var from: Int
        var to: Int
    }

    var tags: [String]
    var window: Window
    var rules: [Window]

    static let defaults = NestedSettings(tags: ["a", "b"], window: Window(from: 1, to: 2), rules: [])
}

struct NestedPlugin: Plugin {
    static let id: PluginID = "nested"
    static let version: SemanticVersion = "1.0.0"
    static let settings: any PluginSettings.Type = NestedSettings.self

    init(context: PluginContext) {}
}

@Suite struct NestedSettingsFormTests {
    @Test("nested settings are edited as JSON; JSON that does not parse, or of the wrong shape, is refused by field")
    func nested() async throws {
        let web = try await WebFixture(plugins: [NestedPlugin.self])
        let cookie = try await web.signIn()
        let path = "/workspace/orgs/\(web.network)/plugins/nested/settings"
        let form = try await web.open(path, cookie: cookie)
        #expect(form.reply.text.contains("<textarea id=\"field-window\" name=\"window\" rows=\"8\""))
        #expect(form.reply.text.contains("{&quot;from&quot;:1,&quot;to&quot;:2}"))
        #expect(form.reply.text.contains("<textarea id=\"field-rules\" name=\"rules\" rows=\"8\""))
        #expect(form.reply.text.contains("a\nb</textarea>"))
        let broken = try await web.submit(
            path, [("tags", "x"), ("window", "{from: 1"), ("rules", "[]")], cookie: cookie)
        #expect(broken.status == 422)
        #expect(broken.text.contains("id=\"field-window-error\">It is not valid JSON."))
        #expect(broken.text.contains("{from: 1"))
        let shape = try await web.submit(
            path, [("tags", "x"), ("window", "{\"from\": 1, \"to\": 2}"), ("rules", "{\"from\": 3}")], cookie: cookie)
        #expect(shape.status == 422)
        #expect(shape.text.contains("id=\"field-rules-error\">Must be a list, such as []."))
        let good = try await web.submit(
            path,
            [("tags", "x\ny"), ("window", "{\"from\": 5, \"to\": 9}"), ("rules", "[{\"from\": 3, \"to\": 4}]")],
            cookie: cookie)
        #expect(good.status == 303)
        let stored = try await web.harness.workspace.read { db in
            try String.fetchOne(db, sql: "SELECT settings FROM pluginEnablement WHERE pluginId = 'nested'")
        }
        #expect(stored == #"{"rules":[{"from":3,"to":4}],"tags":["x","y"],"window":{"from":5,"to":9}}"#)
    }
}
