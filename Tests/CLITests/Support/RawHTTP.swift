import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Plain HTTP/1.1 over a blocking socket to 127.0.0.1, for tests that must behave like impatient clients: send a
/// request, wait a little for the answer, hang up. Nothing is shared between calls, so a crowd of them in one process
/// cannot hold up another.
enum RawHTTP {
    /// Sends `GET path` on a new connection and waits at most `patience` seconds for the whole answer (the server
    /// closes the connection after it). Returns the answer's text, or `nil` if it did not come in time.
    static func get(port: Int, path: String, patience: TimeInterval, close: Bool = true) -> String? {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return nil }
        defer { Glibc.close(socket) }
        var timeout = timeval(tv_sec: Int(patience), tv_usec: Int((patience - floor(patience)) * 1_000_000))
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return nil }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(close ? "Connection: close\r\n" : "")\r\n"
        guard request.withCString({ send(socket, $0, strlen($0), Int32(MSG_NOSIGNAL)) }) > 0 else { return nil }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let start = Date()
        while Date().timeIntervalSince(start) < patience {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            answer += buffer[0..<count]
        }
        return answer.isEmpty ? nil : String(decoding: answer, as: UTF8.self)
    }
}
