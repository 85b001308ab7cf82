import Synchronization

/// Settings already decoded, by the text they are stored as: decoding stored settings takes several JSON passes (the
/// defaults overlaid, checked, decoded), a third of a millisecond that every plugin route paid on every request,
/// while the stored text changes only when an administrator changes a setting.
///
/// The text alone decides the value (the defaults are constants), so a value found here is never stale: a changed
/// setting is new text, and new text is decoded afresh.
final class DecodedSettings: Sendable {
    private struct Key: Hashable {
        let type: ObjectIdentifier
        /// `nil`: nothing stored, the defaults.
        let text: String?
    }

    private let values = Mutex<[Key: any Sendable]>([:])
    private let capacity: Int

    init(capacity: Int = 256) {
        self.capacity = capacity
    }

    /// The settings stored as `text`, decoded by `decode` the first time.
    func settings<S: PluginSettings>(_ type: S.Type, storedAs text: String?, decode: () throws -> S) rethrows -> S {
        let key = Key(type: ObjectIdentifier(type), text: text)
        if let known = values.withLock({ $0[key] }) as? S { return known }
        let decoded = try decode()
        values.withLock { values in
            if values.count >= capacity { values.removeAll(keepingCapacity: true) }
            values[key] = decoded
        }
        return decoded
    }
}
