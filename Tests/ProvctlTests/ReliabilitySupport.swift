import Foundation
import Testing
import TestSupport

/// The reliability suites (`Reliability*.swift`), run one after another: each starts
/// many processes (writers, 50 readers, kill loops), and side by side they would starve
/// each other, and the rest of `make test`, of a 2-core machine.
@Suite(.serialized) enum ReliabilityTests {}

/// Helpers of the reliability tests (`Reliability*.swift`): stores and inputs of a given
/// size, a `provctl` that can be killed, runs under a file size limit, the reader table.
enum Reliability {
    /// `make soak` sets PROVCTL_SOAK: the killed book-in at the full size
    /// (200,000 ICCIDs). `make test` runs the same test on 10,000.
    static let soak = ProcessInfo.processInfo.environment["PROVCTL_SOAK"] != nil

    /// `count` distinct 18-digit ICCIDs (no check digit) in a series of their own.
    static func iccids(series: Int, count: Int, from first: Int = 0) -> [String] {
        (first..<first + count).map { "8944530\(series)" + String(format: "%010d", $0) }
    }

    /// 11-digit numbers of the NANP range the walkthrough uses.
    static func numbers(count: Int) -> [String] {
        (0..<count).map { "1833296" + String(format: "%04d", $0) }
    }

    /// The events `init` records: the store and its first user.
    static let initEvents = 2

    /// A new store holding only `init`: the distributor Mobilise and its admin `mike`.
    static func initializedStore(_ label: String) throws -> (directory: TemporaryDirectory, provctl: ProvctlProcess) {
        let directory = TemporaryDirectory(label)
        return (directory, try initializedStore(in: directory.path))
    }

    /// `init` of a store at `directory`/store (the directory is created).
    static func initializedStore(in directory: String) throws -> ProvctlProcess {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let provctl = ProvctlProcess(store: directory + "/store")
        let result = try provctl.run(
            ["init", "--distributor", "Mobilise", "--admin", "mike", "--admin-email", "mike@example.com"])
        guard result.status == 0 else { throw ChildFailed("init", result) }
        return provctl
    }

    /// The `sims bookin` arguments of a file of ICCIDs (physical SIMs, so that any of
    /// them can be provisioned without an activation code).
    static func bookIn(file: String) -> [String] {
        ["sims", "bookin", "--sim-type", "MXG-PT100", "--form", "physical", "--file", file]
    }

    /// A store of 200,000 booked-in SIMs, made once per test run (a book-in of that
    /// size is ~10 s of a debug build) and copied by each test that needs a store
    /// larger than the 64 MiB LMDB map a store starts with.
    static let largeStoreSIMs = 200_000
    private static let largeStore: Result<String, any Error> = Result {
        // Removed when the test process exits: a static is never deinitialised.
        atexit { try? FileManager.default.removeItem(atPath: Reliability.largeStoreDirectory) }
        let provctl = try initializedStore(in: largeStoreDirectory)
        let file = largeStoreDirectory + "/iccids.txt"
        try (iccids(series: 9, count: largeStoreSIMs).joined(separator: "\n") + "\n")
            .write(toFile: file, atomically: false, encoding: .utf8)
        let result = try provctl.run(bookIn(file: file) + ["--command-id", "large-fixture"], as: "mike")
        guard result.status == 0 else { throw ChildFailed("the large store's book-in", result) }
        return provctl.store
    }

    private static var largeStoreDirectory: String {
        FileManager.default.temporaryDirectory.appendingPathComponent("provctl-large-fixture-\(getpid())").path
    }

    /// A copy of the large store in `directory` (as `store`); the original is never opened again.
    static func copyOfLargeStore(in directory: TemporaryDirectory) throws -> ProvctlProcess {
        let source = try largeStore.get()
        let target = directory.path + "/store"
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o700])
        // data.mdb only: LMDB makes a new lock file (reader table) for the copy.
        try FileManager.default.copyItem(atPath: source + "/data.mdb", toPath: target + "/data.mdb")
        return ProvctlProcess(store: target)
    }

    struct ChildFailed: Error, CustomStringConvertible {
        var what: String
        var result: ProvctlProcess.Result
        init(_ what: String, _ result: ProvctlProcess.Result) {
            self.what = what
            self.result = result
        }
        var description: String { "\(what) failed: \(result)" }
    }

    // MARK: Reading a store

    /// `stats --json`, required to succeed.
    static func stats(_ provctl: ProvctlProcess) throws -> [String: Any] {
        let result = try provctl.run(["stats", "--json"])
        try #require(result.status == 0, "stats failed: \(result)")
        return try LogTools.object(result.stdout)
    }

    static func count(_ stats: [String: Any], _ group: String, _ key: String) -> Int {
        ((stats[group] as? [String: Any])?[key] as? NSNumber)?.intValue ?? 0
    }

    static func events(_ stats: [String: Any]) -> Int { (stats["events"] as? NSNumber)?.intValue ?? -1 }

    /// `provctl verify` (chain, positions, tag index, read models equal a replay) passes.
    static func expectVerifies(_ provctl: ProvctlProcess, _ context: String) throws {
        let result = try provctl.run(["verify"])
        #expect(result.status == 0, "\(context): verify failed: \(result)")
    }

    // MARK: Running and killing

    /// Starts `provctl ARGUMENTS --store STORE [--as USER]` with its output discarded,
    /// to be killed or waited for.
    final class Child {
        let process = Process()
        let started = Date()

        init(_ arguments: [String], store: String, as user: String? = nil) throws {
            process.executableURL = ProvctlProcess.executable
            process.arguments = arguments + ["--store", store] + (user.map { ["--as", $0] } ?? [])
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "PROVCTL_USER")
            environment.removeValue(forKey: "PROVCTL_STORE")
            process.environment = environment
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        /// SIGKILL (unless it already ended) and wait: true when the kill ended it,
        /// false when it had exited by itself (its status is then `process.terminationStatus`).
        func kill() -> Bool {
            if process.isRunning { _ = Foundation.kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            return process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
        }

        func wait() -> (status: Int32, signaled: Bool, seconds: TimeInterval) {
            process.waitUntilExit()
            return (process.terminationStatus, process.terminationReason == .uncaughtSignal, Date().timeIntervalSince(started))
        }
    }

    /// Runs `provctl ARGUMENTS --store STORE --as USER` through `/bin/sh` with the file
    /// size limit lowered to `bytes` (rounded down to sh's 512-byte blocks) and SIGXFSZ
    /// ignored, so that a write past the limit fails with EFBIG instead of killing.
    static func runLimited(
        fileSize bytes: Int, _ provctl: ProvctlProcess, _ arguments: [String], as user: String
    ) throws -> ProvctlProcess.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let command = ([ProvctlProcess.executable.path] + arguments + ["--store", provctl.store, "--as", user])
            .map(shellQuoted).joined(separator: " ")
        process.arguments = ["-c", "trap '' XFSZ; ulimit -f \(bytes / 512) && exec \(command)"]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "PROVCTL_USER")
        environment.removeValue(forKey: "PROVCTL_STORE")
        process.environment = environment
        return try ProvctlProcess.collect(process)
    }

    static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    // MARK: A small file system

    /// Whether this process may mount a tmpfs (root, with the capability to mount):
    /// tried once on a scratch directory.
    static let canMountTmpfs: Bool = {
        guard getuid() == 0 else { return false }
        let probe = TemporaryDirectory("mount-probe")
        return withExtendedLifetime(probe) {
            guard (try? mountTmpfs(at: probe.path, megabytes: 1)) != nil else { return false }
            unmount(probe.path)
            return true
        }
    }()

    static func mountTmpfs(at path: String, megabytes: Int) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let result = try LogTools.tool(["mount", "-t", "tmpfs", "-o", "size=\(megabytes)m,mode=0700", "tmpfs", path])
        guard result.status == 0 else { throw ChildFailed("mount tmpfs at \(path)", ProvctlProcess.Result(status: result.status, stdout: result.stdout, stderr: "")) }
    }

    static func unmount(_ path: String) {
        _ = try? LogTools.tool(["umount", path])
    }

    // MARK: The reader table

    /// The process ids holding slots of the store's LMDB reader table (`mdb_stat -r`
    /// lists them without clearing any).
    static func readerSlotPIDs(_ store: String) throws -> [Int32] {
        // mdb_stat -r exits 1 after printing the table (lmdb-utils 0.9.24): check the output instead.
        let output = try LogTools.tool(["mdb_stat", "-r", store])
        try #require(output.stdout.hasPrefix("Reader Table Status"), "mdb_stat -r \(store) failed: \(output.stdout)")
        return output.stdout.split(separator: "\n").compactMap { line in
            line.split(separator: " ").first.flatMap { Int32($0) }
        }
    }

    static func isAlive(_ pid: Int32) -> Bool {
        Foundation.kill(pid, 0) == 0 || errno == EPERM
    }
}

/// A value shared by threads, read and changed under a lock.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
