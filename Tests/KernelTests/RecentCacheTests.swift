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
}
