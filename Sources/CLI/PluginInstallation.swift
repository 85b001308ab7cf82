public import Kernel

/// The plugins an executable ships: implemented once, in the executable's `InstalledPlugins.swift`.
///
/// A type rather than a value because ArgumentParser builds its command tree from static configuration.
public protocol PluginInstallation {
    /// Every installed plugin type.
    static var plugins: [any Plugin.Type] { get }
}
