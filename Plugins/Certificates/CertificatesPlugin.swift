public import Kernel

/// Certificates of completion.
public struct CertificatesPlugin: Plugin {
    public static let id: PluginID = "certificates"
    public static let version: SemanticVersion = "1.0.0"

    let context: PluginContext

    public init(context: PluginContext) {
        self.context = context
    }
}
