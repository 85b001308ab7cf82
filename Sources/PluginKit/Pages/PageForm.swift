public import Foundation
import Kernel

/// The fields and files of a form posted to a plugin page, read by the web interface after it checked the form's
/// token (so a handler never sees a forged form).
public struct PageForm: Sendable, Equatable {
    /// A file sent through an `<input type="file">` (a `multipart/form-data` form).
    public struct File: Sendable, Equatable {
        /// The name the browser gave, for messages only (never a path to open).
        public let filename: String
        public let contentType: String
        public let data: Data

        public init(filename: String, contentType: String, data: Data) {
            self.filename = filename
            self.contentType = contentType
            self.data = data
        }
    }

    private let fields: [String: String]
    private let files: [String: File]

    public init(fields: [String: String] = [:], files: [String: File] = [:]) {
        self.fields = fields
        self.files = files
    }

    /// A field's value, trimmed; empty when absent.
    public subscript(_ name: String) -> String {
        (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether a checkbox was ticked (or any field of that name sent).
    public func isChecked(_ name: String) -> Bool {
        fields[name] != nil
    }

    /// The file sent in field `name`, if one was chosen (an empty file input sends no file).
    public func file(_ name: String) -> File? {
        guard let file = files[name], !(file.filename.isEmpty && file.data.isEmpty) else { return nil }
        return file
    }
}
