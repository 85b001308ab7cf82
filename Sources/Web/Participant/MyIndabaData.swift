import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import NIOCore
import PluginKit

/// "Download my data": everything the kernel keeps about the signed-in person, and what each plugin enabled by an
/// organization they take part in keeps, as one JSON file.
struct MyIndabaData {
    let web: WebInterface

    func download(_ person: Person.ID) async throws -> Response {
        let now = web.workspace.now()
        let read = try await web.workspace.read { db in
            (try PersonalData.read(person, at: now, in: db), try ParticipantRecord.organizations(of: person, in: db))
        }
        guard var data = read.0 else { throw HTTPError(.notFound, message: "There is nothing at this address.") }
        // Each plugin once, however many of the person's organizations enabled it.
        var asked: Set<PluginID> = []
        for (plugin, _) in await web.participantPlugins(of: person, in: read.1)
        where asked.insert(type(of: plugin).id).inserted {
            if let value = try await plugin.personalData(of: person) {
                data.plugins[type(of: plugin).id.rawValue] = value
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.contentDisposition] = "attachment; filename=\"my-indaba-data.json\""
        return Response(
            status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(data))))
    }
}
