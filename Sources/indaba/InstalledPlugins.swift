import ArgumentParser
import CLI
import Kernel

/// The only place that names every installed plugin. Add a plugin here (and to Package.swift) to install it.
enum InstalledPlugins: PluginInstallation {
    static let plugins: [any Plugin.Type] = []
    static let commands: [any ParsableCommand.Type] = [ServeCommand.self]
}
