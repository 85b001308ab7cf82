import ArgumentParser
import Kernel
import PluginKit

/// `indaba case-studies show STUDY --org ORG [--html] [--version N]`: one study as its Markdown file, or its body
/// as safe HTML, now or at an earlier version.
struct ShowCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print a case study as its Markdown file (or its body as safe HTML).")

    @OptionGroup var pluginOptions: PluginCommandOptions
    @Argument(help: "The study's slug or id.") var study: String
    @Flag(help: "Print the body rendered to safe HTML.") var html = false
    @Option(help: "An earlier version (see `history`).") var version: Int?

    init() {}

    func run(in context: PluginCommandContext) async throws {
        try await CommandSupport.reporting {
            let (network, reader) = try await CommandSupport.library(context)
            let (reference, version) = (study, version)
            let (found, file, sessions, old) = try await context.workspace.read { db in
                let study = try CaseStudyLibrary.visibleStudy(reference, network: network, reader: reader, in: db)
                let old = try version.map { wanted in
                    guard
                        let entry = try CaseStudyLibrary.history(of: study.id!, in: db).first(where: {
                            $0.version == wanted
                        })
                    else {
                        throw CaseStudyError.notFound("\(reference)@v\(wanted) (it has versions 1 to \(study.version))")
                    }
                    return entry.document
                }
                return (
                    study, try CaseStudyLibrary.file(of: study, in: db),
                    try CaseStudyLibrary.sessions(of: study.id!, in: db),
                    old
                )
            }
            if let old {
                guard html else { return context.output.write(old) }
                guard case let .success(located) = CaseStudyFile.read(old, file: "version") else {
                    throw ValidationError(
                        "Version \(version ?? 0) of '\(reference)' cannot be read back as a study file.")
                }
                return context.output.print(MarkdownRenderer.html(located.file.body))
            }
            if context.json { return try context.output.printJSON(StudyView(found, sessions: sessions)) }
            if html { return context.output.print(MarkdownRenderer.html(found.body)) }
            context.output.write(file.text)
        }
    }
}
