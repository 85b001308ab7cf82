import Crypto
import Foundation

/// Hex digests of secrets and content, written one way everywhere.
public enum Digest {
    /// The SHA-256 of `text`'s UTF-8 bytes, in lowercase hex (64 characters, or the first `bytes` bytes' worth).
    public static func sha256Hex(_ text: String, bytes: Int = 32) -> String {
        hex(Array(SHA256.hash(data: Data(text.utf8)).prefix(bytes)))
    }

    /// Lowercase hex of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }
}
