import Foundation

/// A fresh directory under the system temporary directory, removed when the test
/// (the last reference) ends. Created lazily: by LMDB when a store opens there, or
/// by `file(_:contents:)`.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init(_ label: String = "test") {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("provisioning-ledger-\(label)-\(UUID().uuidString)").path
    }

    /// A file inside the directory (created with it), written in place: an atomic
    /// write would leave a `TemporaryDirectory.*` of Foundation's behind in /tmp.
    public func file(_ name: String, contents: String) throws -> String {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let file = path + "/" + name
        try contents.write(toFile: file, atomically: false, encoding: .utf8)
        return file
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
