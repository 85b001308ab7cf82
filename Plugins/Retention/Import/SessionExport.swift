import Crypto
import Foundation
import Kernel

/// An export read for one session (its zone and planned times decide how the file's times read), with the digest
/// that recognises the file again: read once, it can be planned in a preview and again in the write.
struct SessionExport {
    let export: AttendanceExport
    /// The SHA-256 of the file's bytes, in hexadecimal.
    let digest: String
    /// The zone the file's times were read in: the one given, else the session's.
    let zone: TimeZone
    /// The session's planned start and end.
    let planned: DateInterval

    init(data: Data, platform: MeetingPlatform?, zone: TimeZone?, session: Session) throws(AttendanceFileError) {
        self.zone = zone ?? TimeZone(identifier: session.timeZone) ?? .gmt
        planned = DateInterval(start: session.startsAt, end: max(session.startsAt, session.endsAt))
        export = try AttendanceExport(data: data, platform: platform, zone: self.zone, session: planned)
        digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
