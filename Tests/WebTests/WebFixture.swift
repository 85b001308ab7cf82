import CaseStudies
import Certificates
import Feeds
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Kernel
import KernelTesting
import Messages
import PluginKit
import Retention
import Server
import ServerTesting

/// A plugin with one staff page and a navigation entry, to see pages and links follow enablement.
struct NotesPlugin: Plugin {
    static let id: PluginID = "notes"
    static let version: SemanticVersion = "1.0.0"
    static let navigation = [NavigationEntry("Team notes", path: "board")]

    init(context: PluginContext) {}

    func addPages(to pages: PageRoutes) {
        pages.get("board") { _, context in
            PageContent(title: "Team notes", body: "<p>Notes of \(context.organization?.name ?? "")</p>")
        }
    }
}

/// The sample network with feeds enabled, a client, and helpers to fill in forms as a browser does.
struct WebFixture {
    let harness: PluginHarness
    let client: TestClient
    let network: Int64
    let series: Int64

    /// - Parameter plugins: Plugins installed besides feeds, retention, case studies, certificates, messages and
    ///   notes.
    init(
        baseURL: String = "https://indaba.example.org", sample: String = Samples.network,
        plugins: [any Plugin.Type] = [], trustedProxies: [String] = []
    ) async throws {
        harness = try PluginHarness(
            plugins: [
                FeedsPlugin.self, RetentionPlugin.self, CaseStudiesPlugin.self, CertificatesPlugin.self,
                MessagesPlugin.self, NotesPlugin.self,
            ] + plugins)
        try await harness.importText(sample)
        client = TestClient(
            workspace: harness.workspace,
            configuration: .init(
                baseURL: baseURL, trustedProxies: TrustedProxies(trustedProxies.compactMap(IPNetwork.init))))
        (network, series) = try await harness.workspace.read { db in
            (
                try Lookup.organization("testnet", in: db).id!.rawValue,
                try Lookup.series("testnet/webinars/series-one", in: db).id!.rawValue
            )
        }
        try await enable("feeds")
    }

    func enable(_ plugin: PluginID, for organization: Int64? = nil, settings: [String: JSONValue] = [:])
        async throws
    {
        let (registry, organization) = (harness.workspace.registry, Organization.ID(organization ?? network))
        try await harness.workspace.write(as: AuditActor("test")) {
            try $0.enable(plugin, for: organization, settings: settings, registry: registry)
        }
    }

    /// The id of the sample's member organization.
    func member() async throws -> Int64 {
        try await harness.workspace.read { db in try Lookup.organization("testnet/lagos-member", in: db).id!.rawValue }
    }

    func disable(_ plugin: PluginID) async throws {
        let (registry, organization) = (harness.workspace.registry, Organization.ID(network))
        try await harness.workspace.write(as: AuditActor("test")) {
            try $0.disable(plugin, for: organization, registry: registry)
        }
    }

    /// A form page: its reply, the form token in it, and the cookie header to send back.
    struct Form {
        let reply: TestClient.Reply
        let token: String
        let cookie: String

        /// The token of the page's form that posts to `action` (plugin forms are each bound to their address).
        func token(for action: String) -> String {
            guard let start = reply.text.range(of: "action=\"\(action)\"") else { return "" }
            return reply.text[start.upperBound...].firstMatch(of: /name="form" value="([^"]+)"/).map { String($0.1) }
                ?? ""
        }

        /// The token of the header's sign-out form.
        var signOutToken: String {
            reply.text.firstMatch(of: /action="\/sign-out"><input type="hidden" name="form" value="([^"]+)"/)
                .map { String($0.1) } ?? ""
        }
    }

    /// Opens a page holding a form, as a browser with `cookie` would.
    func open(_ path: String, cookie: String = "", headers: [String: String] = [:], peer: String? = nil)
        async throws -> Form
    {
        let reply = try await client.request(
            .get, path, headers: headers.merging(cookie.isEmpty ? [:] : ["Cookie": cookie]) { $1 }, peer: peer)
        // The page's own form is in <main>; the header's sign-out form (when signed in) comes before it.
        let main = reply.text.range(of: "<main").map { String(reply.text[$0.lowerBound...]) } ?? reply.text
        let token = main.firstMatch(of: /name="form" value="([^"]+)"/).map { String($0.1) } ?? ""
        let set = reply.headers[values: .setCookie].map { $0.split(separator: ";")[0] }.map(String.init)
        return Form(reply: reply, token: token, cookie: ([cookie] + set).filter { !$0.isEmpty }.joined(separator: "; "))
    }

    /// Posts form fields (URL-encoded) with a cookie header.
    func post(
        _ path: String, _ fields: [(String, String)], cookie: String, headers: [String: String] = [:],
        peer: String? = nil
    ) async throws -> TestClient.Reply {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map {
            "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        return try await client.request(
            .post, path, headers: headers.merging(["Cookie": cookie]) { $1 }, json: body,
            contentType: "application/x-www-form-urlencoded", peer: peer)
    }

    /// Fills in the enrolment form like a person: opens it, waits a few seconds, sends it.
    func enrol(_ fields: [(String, String)], wait: TimeInterval = 5) async throws -> TestClient.Reply {
        let form = try await open("/series/\(series)/enrol")
        harness.clock.advance(by: wait)
        return try await post("/series/\(series)/enrol", [("form", form.token)] + fields, cookie: form.cookie)
    }

    /// Posts a `multipart/form-data` form: text fields, and files as (field, file name, content).
    func upload(
        _ path: String, _ fields: [(String, String)], files: [(String, String, String)], cookie: String,
        headers: [String: String] = [:]
    ) async throws -> TestClient.Reply {
        let boundary = "----indaba-test-boundary"
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        for (name, filename, content) in files {
            body +=
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\n"
                + "Content-Type: text/csv\r\n\r\n\(content)\r\n"
        }
        body += "--\(boundary)--\r\n"
        return try await client.request(
            .post, path, headers: headers.merging(["Cookie": cookie]) { $1 }, json: body,
            contentType: "multipart/form-data; boundary=\(boundary)")
    }

    func count(_ sql: String) async throws -> Int {
        try await harness.workspace.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    func string(_ sql: String) async throws -> String? {
        try await harness.workspace.read { db in try String.fetchOne(db, sql: sql) }
    }

    /// Signs in with a fresh login link for a network coordinator; returns the cookie header of the session.
    func signIn(role: AccessRole = .networkCoordinator, organization: Int64? = nil) async throws -> String {
        let organization = Organization.ID(organization ?? network)
        let (_, secret) = try await harness.workspace.write(as: AuditActor("test")) {
            try $0.createLoginLink(role: role, organization: organization)
        }
        let form = try await open("/sign-in?link=\(secret)")
        let reply = try await post("/sign-in", [("form", form.token), ("link", secret)], cookie: form.cookie)
        let session = reply.headers[values: .setCookie].first { $0.hasPrefix("indaba_session=") } ?? ""
        return form.cookie + "; " + (session.split(separator: ";").first.map(String.init) ?? "")
    }
}
