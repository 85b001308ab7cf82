import Foundation
import NIOCore
import Synchronization

/// Large bodies of replayed answers, kept in a temporary file of their own (unlinked at once, so nothing is left
/// behind) so that they go out with `sendfile`: the kernel sends them from the page cache without copying them from
/// the server's memory for every request, as nginx sends files.
///
/// Bodies are appended and never removed; once `capacity` bytes are used, ``append(_:)`` says no and the
/// ``AnswerReplay`` starts a new file. Each event loop sends through a descriptor of its own (a `NIOFileHandle`
/// refuses to be used by two threads at once). The descriptors are closed when the last answer using the file is
/// gone and no write of it is pending (writes keep the file alive until they complete).
final class ReplayBodyFile: Sendable {
    /// The descriptor bodies are written through.
    private let descriptor: CInt
    private let capacity: Int
    private struct State {
        var used = 0
        /// A duplicate of the descriptor for each event loop that sent from the file.
        var handles: [ObjectIdentifier: NIOFileHandle] = [:]
    }
    private let state = Mutex(State())

    /// A new empty file in the temporary directory, or `nil` when none can be made (bodies then stay in memory).
    init?(capacity: Int) {
        var template = Array((NSTemporaryDirectory() + "/indaba-replay-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return nil }
        unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        self.descriptor = descriptor
        self.capacity = capacity
    }

    deinit {
        state.withLock { state in
            for handle in state.handles.values { try? handle.close() }
        }
        close(descriptor)
    }

    /// Writes `bytes` at the end of the file; where they are, or `nil` when the file is full or cannot be written.
    func append(_ bytes: ByteBuffer) -> Range<Int>? {
        state.withLock { state -> Range<Int>? in
            let start = state.used
            guard start + bytes.readableBytes <= capacity else { return nil }
            let written = bytes.withUnsafeReadableBytes { buffer -> Bool in
                var offset = 0
                while offset < buffer.count {
                    let count = pwrite(
                        descriptor, buffer.baseAddress! + offset, buffer.count - offset, off_t(start + offset))
                    if count < 0, errno == EINTR { continue }
                    guard count > 0 else { return false }
                    offset += count
                }
                return true
            }
            guard written else { return nil }
            state.used += bytes.readableBytes
            return start..<state.used
        }
    }

    /// The bytes at `range`, to be sent on `eventLoop`; `nil` when the file cannot be opened for it.
    func region(_ range: Range<Int>, on eventLoop: any EventLoop) -> FileRegion? {
        let loop = ObjectIdentifier(eventLoop)
        let handle = state.withLock { state -> NIOFileHandle? in
            if let handle = state.handles[loop] { return handle }
            let copy = dup(descriptor)
            guard copy >= 0 else { return nil }
            let handle = NIOFileHandle(_deprecatedTakingOwnershipOfDescriptor: copy)
            state.handles[loop] = handle
            return handle
        }
        return handle.map { FileRegion(fileHandle: $0, readerIndex: range.lowerBound, endIndex: range.upperBound) }
    }
}
