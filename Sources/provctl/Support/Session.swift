import ArgumentParser
import Engine
import EventLog
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Provisioning
import ReadModels

/// One run of a command: the global options, the store, and the output.
struct Session {
    let global: GlobalOptions

    init(_ global: GlobalOptions) {
        self.global = global
    }

    var now: Timestamp {
        Timestamp(millisecondsSince1970: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// Opens the store. Only `init` (and `demo`, `import`) may create one; every other
    /// command refuses a directory that holds no store, rather than leave an empty one behind.
    func openEngine(creating: Bool = false) throws -> ProvisioningEngine {
        let path = global.storePath
        let exists = FileManager.default.fileExists(atPath: path + "/data.mdb")
        if !exists && !creating {
            throw Failure(code: Failure.storage, "There is no store at \(path): create one with provctl init, or name it with --store or PROVCTL_STORE.")
        }
        if exists { try StorePermissions.check(path) }
        do {
            return try ProvisioningEngine(path: path)
        } catch {
            throw Failure(error, store: path)
        }
    }

    /// Runs `body`, turning any error into the contract's message and exit code.
    func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            let failure = Failure(error, store: global.storePath)
            StandardStreams.writeError("provctl: " + failure.message + "\n")
            if global.json { print(failure.json.serialized(pretty: true)) }
            throw ExitCode(failure.code)
        }
    }

    /// Applies one change named as in the contract (`sims reserve`) with its
    /// arguments as a script line would carry them, and prints what it recorded.
    func change(_ name: String, _ arguments: [String: Any]) throws {
        try run {
            // A bulk change (a book-in of a million SIMs) reports its progress from
            // inside its transaction; the bar shows only after a second, on a terminal.
            let progress = ProgressBar(name, total: nil, json: global.json)
            defer { progress.finish() }
            let engine = try openEngine(creating: name == "init")
            let username = try actingUser(for: name)
            let command = try ScriptCommands.command(named: name, arguments: arguments)
            let outcome = try engine.execute(
                command, as: username,
                options: ChangeOptions(
                    commandID: global.commandID, correlationID: global.correlationID, reason: global.reason),
                now: now,
                progress: { progress.update($0.done, of: $0.total, stage: $0.stage.rawValue) })
            Output(json: global.json).print(outcome)
            if outcome.events.count >= ProcessEnd.largeChange {
                progress.finish()
                ProcessEnd.exitLeavingMemory()
            }
        }
    }

    /// `--as` / `PROVCTL_USER`, required by every change but `init`.
    func actingUser(for command: String) throws -> Username? {
        if command == "init" { return nil }
        guard let name = global.username else {
            throw Failure(code: Failure.usage, "\(command) needs the acting user: give --as USERNAME or set PROVCTL_USER.")
        }
        do {
            return try Username(name)
        } catch let error as Provisioning.ValidationError {
            throw Failure(code: Failure.malformed, "\(error).")
        }
    }

    /// The acting user for a read: reads are scoped by role when a user is named,
    /// and unrestricted (the store owner's view) when none is.
    func readingActor(_ store: some StateReader) throws -> Actor? {
        guard let name = global.username else { return nil }
        return try store.actor(named: try Username(name))
    }
}

/// The store holds the only record of who holds which SIM: refuse one that other
/// users could write, and create it owner-only (the LMDB layer does).
enum StorePermissions {
    static func check(_ path: String) throws {
        for file in [path, path + "/data.mdb", path + "/lock.mdb"] {
            // stat(2), not FileManager.attributesOfItem: that one also resolves the
            // owner's and group's names (NSS lookups) and reads extended attributes,
            // a measurable part of a `sims show`.
            var info = stat()
            guard stat(file, &info) == 0 else { continue }
            let mode = Int(info.st_mode) & 0o7777
            if mode & 0o022 != 0 {
                throw Failure(
                    code: Failure.storage,
                    "The store at \(path) can be written by others (\(file) has mode \(String(mode, radix: 8))): run chmod -R go-w \(path) and try again.")
            }
        }
    }
}
