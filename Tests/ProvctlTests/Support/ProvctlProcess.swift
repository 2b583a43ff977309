import Foundation

/// Runs the built `provctl` binary as a child process: the real executable, the real
/// store on disk, exit codes and both output streams as an operator would see them.
struct ProvctlProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `provctl` sits beside the test bundle in SwiftPM's build directory.
    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("provctl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let fallback = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent(".build/debug/provctl")
        return fallback
    }()

    /// The project's directory (for `Fixtures/`), found from this source file.
    static let projectDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let store: String

    init(store: String) {
        self.store = store
    }

    @discardableResult
    func run(_ arguments: [String], as user: String? = nil, stdin: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        var all = ["--store", store]
        if let user { all += ["--as", user] }
        // Global options go after the subcommand path in ArgumentParser: put them last.
        process.arguments = arguments + all
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "PROVCTL_USER")
        environment.removeValue(forKey: "PROVCTL_STORE")
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A fresh directory under the system temporary directory, removed when the test ends.
final class TemporaryDirectory {
    let path: String

    init(_ label: String = "store") {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("provctl-\(label)-\(UUID().uuidString)").path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
