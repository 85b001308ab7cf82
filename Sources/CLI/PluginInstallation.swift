public import ArgumentParser
import Kernel
public import PluginKit

/// The plugins an executable ships (and commands that need more than the kernel, such as `serve`): implemented
/// once, in the executable's `InstalledPlugins.swift`.
///
/// A type rather than a value because ArgumentParser builds its command tree from static configuration.
public protocol PluginInstallation {
    /// Every installed plugin type.
    static var plugins: [any Plugin.Type] { get }
    /// Commands the executable adds beside the kernel's.
    static var commands: [any ParsableCommand.Type] { get }
}

extension PluginInstallation {
    public static var commands: [any ParsableCommand.Type] { [] }
}
