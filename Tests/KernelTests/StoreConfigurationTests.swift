import Foundation
import GRDB
import Testing

@testable import Kernel

@Suite("How the store opens its connections")
struct StoreConfigurationTests {
    @Test("readers map the database file into memory; the writer reads it as before")
    func mappedReaders() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mapped-\(UUID().uuidString).sqlite")
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + suffix) }
        }
        let store = try Store.open(path: url.path)
        let reader = try await store.read { db in try Int.fetchOne(db, sql: "PRAGMA mmap_size") }
        let writer = try await store.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA mmap_size") }
        #expect(reader == Store.mappedBytes)
        #expect(writer == 0)
    }
}
