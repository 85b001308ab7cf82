import Foundation
import Hummingbird
import Kernel

/// A stored record served by the API, with what its ETag derives from.
protocol APIResource {
    var resourceId: Int64 { get }
    var updatedAt: Date { get }
    /// A short prefix that keeps ETags of different kinds apart.
    static var etagPrefix: String { get }
}

extension APIResource {
    /// A strong ETag from the record's identity and version: it changes exactly when the stored record changes.
    var etag: String {
        "\"\(Self.etagPrefix)\(resourceId)-\(Int64((updatedAt.timeIntervalSince1970 * 1000).rounded()))\""
    }
}

extension Organization: APIResource {
    var resourceId: Int64 { id!.rawValue }
    static let etagPrefix = "o"
}
extension Programme: APIResource {
    var resourceId: Int64 { id!.rawValue }
    static let etagPrefix = "p"
}
extension WebinarSeries: APIResource {
    var resourceId: Int64 { id!.rawValue }
    static let etagPrefix = "w"
}
extension Session: APIResource {
    var resourceId: Int64 { id!.rawValue }
    static let etagPrefix = "s"
}
extension Person: APIResource {
    var resourceId: Int64 { id!.rawValue }
    static let etagPrefix = "h"
}
extension Enrolment: APIResource {
    var resourceId: Int64 { id!.rawValue }
    static let etagPrefix = "e"
}
extension Attendance: APIResource {
    var resourceId: Int64 { id!.rawValue }
    static let etagPrefix = "a"
}
extension ExerciseSubmission: APIResource {
    var resourceId: Int64 { id!.rawValue }
    static let etagPrefix = "x"
}

/// Optimistic concurrency for updates: `If-Match` is required and must name the current version.
enum Preconditions {
    /// - Throws: 428 without `If-Match`, 412 when it names another version.
    static func check(_ request: Request, current etag: String) throws {
        guard let header = request.headers[.ifMatch] else {
            throw Problem(.preconditionRequired) { t in
                t("Send If-Match with the ETag you last read, so that concurrent edits are not silently overwritten.")
            }
        }
        let tags = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let wellFormed = tags.allSatisfy { $0 == "*" || ($0.count >= 2 && $0.hasPrefix("\"") && $0.hasSuffix("\"")) }
        guard wellFormed else {
            throw Problem(.preconditionFailed) { t in
                t(
                    "If-Match must hold the quoted, strong ETag from your last read (such as {etag}); weak W/ tags "
                        + "never match.", ["etag": etag])
            }
        }
        // If-Match uses the strong comparison: a weak tag never matches.
        guard tags.contains("*") || tags.contains(etag) else {
            throw Problem(.preconditionFailed) { t in
                t(
                    "The resource changed since you read it (its ETag is now {etag}); read it again and reapply your "
                        + "change.", ["etag": etag])
            }
        }
    }
}
