import Foundation

/// Certificate files a command writes to a folder.
enum CertificateFile {
    /// Writes `data` to `file`, creating the folder; the file is readable by its owner only (certificates carry names).
    static func write(_ data: Data, to file: URL) throws {
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: file.path, contents: data, attributes: [.posixPermissions: 0o600])
        else { throw CertificatesError.output(file.path) }
    }
}
