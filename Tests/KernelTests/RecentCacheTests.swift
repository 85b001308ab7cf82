import Kernel
import KernelTesting
import Testing

@Suite("RecentCache")
struct RecentCacheTests {
    @Test("a value is reused until this process writes or its lifetime ends")
    func reuse() async throws {
        let harness = try PluginHarness()
        let cache = RecentCache<String, Int>(counter: harness.workspace.writes, lifetime: .milliseconds(200))
        var computed = 0
        for _ in 0..<3 {
            _ = await cache.value(for: "k") {
                computed += 1
                return computed
            }
        }
        #expect(computed == 1)
        try await harness.importText(Samples.network)  // a write in this process
        #expect(await cache.value(for: "k") { 42 } == 42)
        try await Task.sleep(for: .milliseconds(250))
        #expect(await cache.value(for: "k") { 7 } == 7)
    }

    @Test("reusedUntil says until when a value will be reused as it is, and whether it is the one asked about")
    func reusedUntil() async throws {
        let harness = try PluginHarness()
        let cache = RecentCache<String, Int>(counter: harness.workspace.writes, lifetime: .seconds(5))
        #expect(cache.reusedUntil("k") { _ in true } == nil)
        let before = ContinuousClock.now
        _ = await cache.value(for: "k") { 3 }
        let after = ContinuousClock.now
        let until = try #require(cache.reusedUntil("k") { $0 == 3 })
        #expect(until >= before + .seconds(5) && until <= after + .seconds(5))
        #expect(cache.reusedUntil("k") { $0 == 4 } == nil)
        try await harness.importText(Samples.network)  // a write in this process
        #expect(cache.reusedUntil("k") { $0 == 3 } == nil)
    }
}
