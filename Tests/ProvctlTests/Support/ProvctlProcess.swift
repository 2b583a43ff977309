import Foundation

/// Runs the built `provctl` binary as a child process: the real executable, the real
/// store on disk, exit codes and both output streams as an operator would see them.
struct ProvctlProcess {
    struct Result: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String

        var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
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

    /// Runs `provctl ARGUMENTS --store STORE [--as USER]` (global options last, which
    /// the CLI accepts as well as first), with `PROVCTL_STORE` and `PROVCTL_USER` unset.
    @discardableResult
    func run(_ arguments: [String], as user: String? = nil, stdin: String? = nil) throws -> Result {
        var all = ["--store", store]
        if let user { all += ["--as", user] }
        return try Self.launch(arguments + all, stdin: stdin)
    }

    /// Runs the binary with exactly these arguments; `environment` entries are added to a
    /// copy of this process's environment without `PROVCTL_STORE` and `PROVCTL_USER`.
    static func launch(
        _ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:],
        directory: String? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "PROVCTL_USER")
        environment.removeValue(forKey: "PROVCTL_STORE")
        environment.merge(extra) { $1 }
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        return try collect(process, stdin: stdin)
    }

    /// Runs any program (`mdb_dump`), collecting both streams.
    static func collect(_ process: Process, stdin: String? = nil) throws -> Result {
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read stderr on another thread so that neither pipe can fill up and block the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errBox.data = err.fileHandleForReading.readDataToEndOfFile() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errBox.data
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// `mdb_dump -a` of the store: every named database, key and value, as text. Two
    /// equal dumps mean the store holds the same bytes (the log, read models, secrets).
    func dump() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/mdb_dump")
        process.arguments = ["-a", store]
        let result = try Self.collect(process)
        guard result.status == 0 else { throw DumpFailed(result: result) }
        // `maxreaders=` comes from the lock file of whoever opened the environment first
        // (mdb_dump or provctl), not from the data: leave it out.
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("maxreaders=") }.joined(separator: "\n")
    }

    struct DumpFailed: Error, CustomStringConvertible {
        var result: Result
        var description: String { "mdb_dump failed: \(result)" }
    }
}

/// Output with the recorded times (the only part of a run that is not determined
/// by the commands) replaced by `<time>`: ISO 8601 UTC with milliseconds.
func normalisingTimes(_ text: String) -> String {
    text.replacing(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z/, with: "<time>")
}
