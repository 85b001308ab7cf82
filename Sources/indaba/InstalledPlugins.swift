import ArgumentParser
import CLI
import CaseStudies
import Certificates
import Feeds
import Kernel
import Messages
import PluginKit
import Retention

/// The only place that names every installed plugin. Add a plugin here (and to Package.swift) to install it.
enum InstalledPlugins: PluginInstallation {
    static let plugins: [any Plugin.Type] = [
        FeedsPlugin.self, RetentionPlugin.self, CaseStudiesPlugin.self, CertificatesPlugin.self, MessagesPlugin.self,
    ]
    static let commands: [any ParsableCommand.Type] = [ServeCommand.self, OpenAPICommand.self]
}
