import Foundation

/// A fresh path under the temporary directory for an environment (created on open).
func temporaryLMDBPath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("lmdb-\(UUID().uuidString)").path
}
