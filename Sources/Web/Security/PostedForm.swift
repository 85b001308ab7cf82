import Foundation
import Hummingbird
import Kernel
import NIOCore
import PluginKit

/// Reads the body of a form posted to a plugin page: `application/x-www-form-urlencoded`, or `multipart/form-data`
/// with files. Anything else, or a multipart body that does not parse, is refused with 400.
enum PostedForm {
    /// Plugin forms may carry a file (an attendance export); 8 MiB is far above any real one.
    static let limit = 8 * 1024 * 1024

    static func read(_ request: Request) async throws -> PageForm {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge)
        }
        let type = request.headers[.contentType] ?? ""
        if type.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = parameter("boundary", of: type),
                let form = multipart(Data(buffer.readableBytesView), boundary: boundary)
            else { throw HTTPError(.badRequest, message: "The form's multipart body could not be read.") }
            return form
        }
        let fields = FormData(urlEncoded: String(buffer: buffer))
        return PageForm(fields: fields.all)
    }

    /// A parameter of a header value such as `multipart/form-data; boundary=xyz`.
    static func parameter(_ name: String, of header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    /// Parses a `multipart/form-data` body (RFC 7578); nil when it is malformed.
    static func multipart(_ body: Data, boundary: String) -> PageForm? {
        let delimiter = Data("--\(boundary)".utf8)
        let separator = Data("\r\n\r\n".utf8)
        var fields: [String: String] = [:]
        var files: [String: PageForm.File] = [:]
        guard var cursor = body.range(of: delimiter)?.upperBound else { return nil }
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            let rest = body[cursor...]
            if rest.starts(with: Data("--".utf8)) { break }
            guard rest.starts(with: Data("\r\n".utf8)) else { return nil }
            let partStart = cursor + 2
            guard let headerEnd = body.range(of: separator, in: partStart..<body.endIndex),
                let next = body.range(of: Data("\r\n".utf8) + delimiter, in: headerEnd.upperBound..<body.endIndex)
            else { return nil }
            let headers = String(decoding: body[partStart..<headerEnd.lowerBound], as: UTF8.self)
            let content = body[headerEnd.upperBound..<next.lowerBound]
            var disposition = ""
            var contentType = "application/octet-stream"
            for line in headers.components(separatedBy: "\r\n") {
                let pair = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else { continue }
                switch pair[0].lowercased() {
                case "content-disposition": disposition = pair[1]
                case "content-type": contentType = pair[1]
                default: break
                }
            }
            guard let name = parameter("name", of: disposition) else { return nil }
            if let filename = parameter("filename", of: disposition) {
                if files[name] == nil {
                    files[name] = PageForm.File(filename: filename, contentType: contentType, data: Data(content))
                }
            } else if fields[name] == nil {
                fields[name] = String(decoding: content, as: UTF8.self)
            }
            cursor = next.upperBound
        }
        return PageForm(fields: fields, files: files)
    }
}
