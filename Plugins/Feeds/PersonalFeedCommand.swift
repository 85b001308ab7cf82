import ArgumentParser
import Foundation
import GRDB
import Kernel
import PluginKit

/// `indaba feeds personal PERSON --org ORG [--revoke]`: issue (or rotate) a person's private feed, or revoke it.
struct PersonalFeedCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "personal",
        abstract: "Give a person a new private calendar address (the old one stops working), or revoke it.")

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Argument(help: "The person: id or e-mail address.")
    var person: String

    @Flag(name: .long, help: "Revoke the person's private feed instead of issuing a new one.")
    var revoke = false

    @Option(name: .long, help: BaseURLSetting.help)
    var baseUrl: String?

    init() {}

    func run(in context: PluginCommandContext) async throws {
        let (reference, revoke, organization) = (person, revoke, context.organization.id!)
        let now = context.workspace.now()
        let baseURL = try await BaseURLSetting.resolve(flag: baseUrl, workspace: context.workspace).url
        let token = try await context.workspace.store.writer.write { db -> String? in
            let person = try Lookup.person(reference, in: db)
            if revoke {
                guard try PersonalFeeds.revoke(for: person.id!, now: now, in: db) else {
                    throw ValidationError("Person \(person.id!) has no personal feed to revoke.")
                }
                return nil
            }
            return try PersonalFeeds.rotate(for: person.id!, organization: organization, now: now, in: db)
        }
        guard let token else {
            context.output.print("The personal feed is revoked; its address now answers 404.")
            return
        }
        let link = FeedLink(
            title: "Personal calendar", folder: baseURL + personalFolder(token: token, organization: organization))
        if context.json {
            try context.output.printJSON(link)
        } else {
            context.output.print(lines: [link.ics, link.webcal])
        }
    }
}
