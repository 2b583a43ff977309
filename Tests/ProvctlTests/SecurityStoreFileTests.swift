import Foundation
import Testing
import TestSupport

/// Reliability, security item 10: a store is created owner-only (directory 0700, files
/// 0600) whatever the umask of the process that creates it, and `provctl` refuses to
/// open a store that others can write, saying which file and how to fix it.
@Suite("Security: store files are owner-only")
struct SecurityStoreFileTests {
    /// Runs the built `provctl` under `umask` (a shell sets it, then execs the binary).
    static func provctl(umask: String, _ arguments: [String]) throws -> ProvctlProcess.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "umask \(umask) && exec \"$0\" \"$@\"", ProvctlProcess.executable.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "PROVCTL_USER")
        environment.removeValue(forKey: "PROVCTL_STORE")
        process.environment = environment
        return try ProvctlProcess.collect(process)
    }

    /// The permission bits of a file or directory (stat(2), symbolic links not followed).
    static func mode(_ path: String) -> Int? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return Int(info.st_mode) & 0o7777
    }

    static func expectOwnerOnly(store: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(mode(store) == 0o700, "\(store): \(String(mode(store) ?? -1, radix: 8))", sourceLocation: sourceLocation)
        for file in ["data.mdb", "lock.mdb"] {
            let path = store + "/" + file
            #expect(mode(path) == 0o600, "\(path): \(String(mode(path) ?? -1, radix: 8))", sourceLocation: sourceLocation)
        }
    }

    /// Every command that creates a store or a file holding store data: `init`, `run`,
    /// `import`, `replay --into`, and the files of `export --output` and `subscriber esim --output`.
    @Test("stores and exported files are owner-only under any umask", arguments: ["000", "002", "022", "027", "077", "277"])
    func createdOwnerOnly(umask: String) throws {
        let scratch = TemporaryDirectory("umask-\(umask)")
        try FileManager.default.createDirectory(atPath: scratch.path, withIntermediateDirectories: true)
        let base = scratch.path

        let initialised = try Self.provctl(
            umask: umask,
            ["init", "--distributor", "AudioCodes", "--admin", "mike", "--admin-email", "mike@example.com", "--store", base + "/init"])
        #expect(initialised.status == 0, "\(initialised)")
        Self.expectOwnerOnly(store: base + "/init")

        let ran = try Self.provctl(umask: umask, ["run", Walkthrough.fixture, "--store", base + "/run"])
        #expect(ran.status == 0, "\(ran)")
        Self.expectOwnerOnly(store: base + "/run")

        let exported = try Self.provctl(umask: umask, ["export", "--output", base + "/export.jsonl", "--store", base + "/run"])
        #expect(exported.status == 0, "\(exported)")
        #expect(Self.mode(base + "/export.jsonl") == 0o600)

        let imported = try Self.provctl(umask: umask, ["import", base + "/export.jsonl", "--store", base + "/import"])
        #expect(imported.status == 0, "\(imported)")
        Self.expectOwnerOnly(store: base + "/import")

        let replayed = try Self.provctl(umask: umask, ["replay", "--to", "40", "--into", base + "/replay", "--store", base + "/run"])
        #expect(replayed.status == 0, "\(replayed)")
        Self.expectOwnerOnly(store: base + "/replay")
    }

    struct Loosened: Sendable, CustomTestStringConvertible {
        /// "" for the directory itself, else a file in it.
        var file: String
        var mode: Int
        var testDescription: String { "\(file.isEmpty ? "the directory" : file) at \(String(mode, radix: 8))" }
    }

    static let loosened: [Loosened] = [
        Loosened(file: "", mode: 0o702), Loosened(file: "", mode: 0o720), Loosened(file: "", mode: 0o777),
        Loosened(file: "data.mdb", mode: 0o602), Loosened(file: "data.mdb", mode: 0o620), Loosened(file: "data.mdb", mode: 0o666),
        Loosened(file: "lock.mdb", mode: 0o602), Loosened(file: "lock.mdb", mode: 0o660),
    ]

    /// A read and a change are both refused (exit 74) with a message naming the file and
    /// the chmod that fixes it; nothing is recorded; once fixed, the store opens again.
    @Test("a store that others can write is refused", arguments: loosened)
    func refusedWhenOthersCanWrite(_ loosening: Loosened) throws {
        let store = try Walkthrough.copy()
        let provctl = ProvctlProcess(store: store.path)
        #expect(try provctl.run(["sims", "list"]).status == 0)  // creates lock.mdb, owner-only
        let before = try provctl.dump()
        let path = loosening.file.isEmpty ? store.path : store.path + "/" + loosening.file
        #expect(chmod(path, mode_t(loosening.mode)) == 0)

        let read = try provctl.run(["sims", "list"])
        let change = try provctl.run(["numbers", "import", "--reseller", "Talk_Mail", "14155550123"], as: "liziya")
        for result in [read, change] {
            #expect(result.status == 74, "\(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("can be written by others"), "\(result.stderr)")
            #expect(result.stderr.contains(path) && result.stderr.contains("chmod -R go-w \(store.path)"), "\(result.stderr)")
        }
        let json = try provctl.run(["sims", "list", "--json"])
        #expect(json.status == 74 && json.stdout.contains("\"code\": 74"))
        #expect(Self.mode(path) == loosening.mode, "provctl does not change the modes itself")
        #expect(chmod(path, mode_t(loosening.file.isEmpty ? 0o700 : 0o600)) == 0)
        #expect(try provctl.dump() == before)
        #expect(try provctl.run(["sims", "list"]).status == 0)
    }
}
