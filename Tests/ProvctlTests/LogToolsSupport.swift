import Foundation
import LMDB
import Testing
import TestSupport

/// Helpers of the log-tool tests (`LogTools*.swift`): the walkthrough store, JSON
/// parsing of the binary's output, a separate LMDB writer that damages a store the
/// way a faulty disk or a careless hand would, and other programs (`mdb_dump`).
enum LogTools {
    static let walkthrough = ProvctlProcess.projectDirectory.appendingPathComponent("Fixtures/walkthrough.jsonl").path
    /// Adele's SIM in the guide: booked in, reserved, allocated, activated, retired.
    static let adelesSIM = "894453000000085788"
    static let adelesNumber = "18332954087"
    static let adele = "s00001d"

    static var walkthroughLines: [String] {
        get throws {
            try String(contentsOfFile: walkthrough, encoding: .utf8).split(separator: "\n").map(String.init)
        }
    }

    /// A new store holding the guide's walkthrough, run by the binary.
    static func walkthroughStore(_ label: String) throws -> (directory: TemporaryDirectory, provctl: ProvctlProcess) {
        let directory = TemporaryDirectory(label)
        let provctl = ProvctlProcess(store: directory.path)
        let result = try provctl.run(["run", walkthrough])
        try #require(result.status == 0, "run of the walkthrough failed: \(result.stderr)")
        return (directory, provctl)
    }

    /// Writes `lines` to a new file in `directory`, one a line.
    static func write(_ lines: [String], named name: String, in directory: TemporaryDirectory) throws -> String {
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        let path = directory.path + "/" + name
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    // MARK: JSON

    static func object(_ text: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(value as? [String: Any], "not a JSON object: \(text.prefix(200))")
    }

    static func array(_ text: String) throws -> [[String: Any]] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(value as? [[String: Any]], "not a JSON array of objects: \(text.prefix(200))")
    }

    /// JSON lines: every non-empty line must be one JSON object.
    static func lines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { try object(String($0)) }
    }

    /// The bytes of a base64 field.
    static func base64(_ value: Any?) throws -> [UInt8] {
        let text = try #require(value as? String, "not a base64 string: \(String(describing: value))")
        let data = try #require(Data(base64Encoded: text), "not base64: \(text.prefix(40))")
        return [UInt8](data)
    }

    static func serialized(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    // MARK: Text tables

    /// The rows of a `TextTable`: cells are separated by two spaces or more.
    static func tableRows(_ text: String) -> [[String]] {
        text.split(separator: "\n").dropFirst().map { line in
            line.split(separator: "  ", omittingEmptySubsequences: true)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    // MARK: A separate LMDB writer

    /// Opens the store with the project's LMDB module (another writer than provctl)
    /// and runs `body` in one write transaction on the named database.
    static func damage(
        store: String, database name: String, _ body: (borrowing WriteTransaction, Database) throws -> Void
    ) throws {
        let environment = try Environment(path: store, databases: [name])
        let database = environment.database(name)
        try environment.write { txn in try body(txn, database) }
    }

    /// Every entry of a database, copied.
    static func entries(_ txn: borrowing some ReadableTransaction & ~Copyable, _ database: Database) throws
        -> [(key: [UInt8], value: [UInt8])]
    {
        var all: [(key: [UInt8], value: [UInt8])] = []
        try txn.forEach(database) { key, value in
            all.append(([UInt8](key), [UInt8](value)))
            return true
        }
        return all
    }

    /// The key of an event record: its position, 8 bytes big-endian (docs/storage.md).
    static func positionKey(_ position: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: position >> (56 - 8 * $0)) }
    }

    /// Flips one bit of the byte at `offset` of the record at `position` (a negative
    /// offset counts from the end: -1 is the last byte of the hash).
    static func flipByte(store: String, position: UInt64, offset: Int) throws {
        try damage(store: store, database: "events") { txn, events in
            var record = try #require(try txn.get(events, positionKey(position)), "no record at \(position)")
            let index = offset >= 0 ? offset : record.count + offset
            record[index] ^= 0x01
            try txn.put(events, positionKey(position), record)
        }
    }

    // MARK: Other programs

    struct Output {
        var status: Int32
        var stdout: String
    }

    /// Runs a program found on the PATH (lmdb-utils' `mdb_dump`, `mdb_stat`).
    static func tool(_ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self))
    }

    /// `mdb_dump -s NAME STORE`: the database's entries as plain LMDB prints them.
    static func dump(_ name: String, store: String) throws -> String {
        let output = try tool(["mdb_dump", "-s", name, store])
        try #require(output.status == 0, "mdb_dump -s \(name) \(store) failed")
        return output.stdout
    }

    /// `dump` without its header (the lines up to HEADER=END: format, map size, page size).
    static func dumpData(_ name: String, store: String) throws -> String {
        let dump = try dump(name, store: store)
        guard let end = dump.range(of: "HEADER=END\n") else { return dump }
        return String(dump[end.upperBound...])
    }

    /// The named databases of a store, from `mdb_stat -a`.
    static func databaseNames(store: String) throws -> [String] {
        let output = try tool(["mdb_stat", "-a", store])
        try #require(output.status == 0)
        return output.stdout.split(separator: "\n").compactMap { line in
            line.hasPrefix("Status of ") && line != "Status of Main DB" ? String(line.dropFirst("Status of ".count)) : nil
        }
    }
}

/// A `provctl` that keeps running (`log --follow`), its standard output collected as
/// it arrives, so a test can wait for a line and then interrupt it.
final class RunningProvctl: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var collected = Data()
    private var collectedErrors = Data()

    init(_ arguments: [String], store: String) throws {
        process.executableURL = ProvctlProcess.executable
        process.arguments = arguments + ["--store", store]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "PROVCTL_USER")
        environment.removeValue(forKey: "PROVCTL_STORE")
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.collected.append(data) }
        }
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.collectedErrors.append(data) }
        }
        try process.run()
    }

    var stdout: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }
    var stderr: String { lock.withLock { String(decoding: collectedErrors, as: UTF8.self) } }
    var processIdentifier: Int32 { process.processIdentifier }

    /// Waits until the output so far satisfies `condition`; returns the seconds it took,
    /// or nil after `timeout`.
    func wait(upTo timeout: TimeInterval, until condition: (String) -> Bool) -> TimeInterval? {
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            if condition(stdout) { return Date().timeIntervalSince(start) }
            usleep(5_000)
        }
        return condition(stdout) ? Date().timeIntervalSince(start) : nil
    }

    /// Sends SIGINT and waits for the process to end; nil when it did not within `timeout`
    /// (it is then killed, so no test leaves it behind).
    func interrupt(timeout: TimeInterval = 5) -> (status: Int32, reason: Process.TerminationReason)? {
        kill(process.processIdentifier, SIGINT)
        let start = Date()
        while process.isRunning && Date().timeIntervalSince(start) < timeout { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        usleep(50_000)  // the last bytes through the readability handlers
        return (process.terminationStatus, process.terminationReason)
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
