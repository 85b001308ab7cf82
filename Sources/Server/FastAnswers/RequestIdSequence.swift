import Synchronization

/// Request ids for replayed answers, as unguessable as the normal path's random ones and never repeated within a
/// process, without asking the system for randomness on every request (a system call each time).
///
/// Each id is a counter passed through SplitMix64's finalizer, a bijection on 64 bits, keyed with random bits drawn
/// once: distinct counters give distinct ids, in no visible order.
final class RequestIdSequence: Sendable {
    private let counter: Atomic<UInt64>
    private let key: UInt64

    init() {
        counter = Atomic(UInt64.random(in: .min ... .max))
        key = UInt64.random(in: .min ... .max)
    }

    func next() -> String {
        var value = counter.wrappingAdd(1, ordering: .relaxed).newValue ^ key
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        value ^= value >> 31
        return String(value, radix: 16)
    }
}
