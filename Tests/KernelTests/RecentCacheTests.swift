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

    @Test("holdsCurrent says whether a value would be reused as it is, and whether it is the one asked about")
    func holdsCurrent() async throws {
        let harness = try PluginHarness()
        let cache = RecentCache<String, Int>(counter: harness.workspace.writes)
        #expect(!cache.holdsCurrent("k") { _ in true })
        _ = await cache.value(for: "k") { 3 }
        #expect(cache.holdsCurrent("k") { $0 == 3 })
        #expect(!cache.holdsCurrent("k") { $0 == 4 })
        try await harness.importText(Samples.network)  // a write in this process
        #expect(!cache.holdsCurrent("k") { $0 == 3 })
    }
}
