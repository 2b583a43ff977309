import Foundation
import Testing

/// The `eventlog-stress` executable, built beside the test bundle by
/// `swift build --build-tests` (every target of the package is built).
func stressExecutable() throws -> URL {
    let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var candidates = [testBinary.deletingLastPathComponent().appendingPathComponent("eventlog-stress")]
    // On macOS the tests run inside an .xctest bundle: Contents/MacOS/<name>.
    candidates.append(
        Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("eventlog-stress"))
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
        candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("eventlog-stress"))
    }
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw ChildProcessError("eventlog-stress not found beside the tests (\(candidates.map(\.path))); "
            + "build it with `swift build --build-tests`")
    }
    return found
}

/// A program on PATH (mdb_stat, mdb_dump).
func programOnPath(_ name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"] {
        let candidate = URL(fileURLWithPath: directory).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
}

struct ChildProcessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A running child with its stdout and stderr collected by background threads, so
/// that a pipe never fills and lines can be awaited.
final class ChildProcess: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()
    private let condition = NSCondition()
    private var stdoutData = Data()
    private var stderrData = Data()
    private var openStreams = 2

    init(_ executable: URL, _ arguments: [String]) throws {
        // A child that exits before reading its stdin must not take the tests down with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        collect(output.fileHandleForReading, isOutput: true)
        collect(errors.fileHandleForReading, isOutput: false)
    }

    private func collect(_ handle: FileHandle, isOutput: Bool) {
        let thread = Thread { [self] in
            while true {
                let chunk = handle.availableData
                condition.lock()
                if chunk.isEmpty {
                    openStreams -= 1
                } else if isOutput {
                    stdoutData.append(chunk)
                } else {
                    stderrData.append(chunk)
                }
                condition.broadcast()
                condition.unlock()
                if chunk.isEmpty { return }
            }
        }
        thread.start()
    }

    var pid: Int32 { process.processIdentifier }

    /// The complete (newline-terminated) lines printed so far; a partial last line is left out.
    var lines: [String] {
        condition.lock()
        defer { condition.unlock() }
        return Self.completeLines(stdoutData)
    }

    var standardError: String {
        condition.lock()
        defer { condition.unlock() }
        return String(decoding: stderrData, as: UTF8.self)
    }

    static func completeLines(_ data: Data) -> [String] {
        guard let lastNewline = data.lastIndex(of: 0x0A) else { return [] }
        return String(decoding: data[..<lastNewline], as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Waits until a complete line satisfies `match`, the output ends, or `timeout` passes.
    func waitForLine(timeout: TimeInterval = 60, _ match: (String) -> Bool) -> String? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let line = Self.completeLines(stdoutData).first(where: match) { return line }
            if openStreams == 0 || !condition.wait(until: deadline) { return nil }
        }
    }

    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// SIGKILL, then waits for the process and for its output to be read to the end.
    func kill() {
        _ = Foundation.kill(process.processIdentifier, SIGKILL)
        waitForExit()
    }

    /// Waits for the process to end and for all its output to be collected.
    @discardableResult
    func waitForExit(timeout: TimeInterval = 120) -> Int32 {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        while openStreams > 0 {
            if !condition.wait(until: deadline) {
                condition.unlock()
                _ = Foundation.kill(process.processIdentifier, SIGKILL)
                Issue.record("child \(process.arguments ?? []) did not finish within \(timeout) s; killed")
                process.waitUntilExit()
                return -1
            }
        }
        condition.unlock()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// Runs a program to the end and returns its exit status and output.
func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
    let child = try ChildProcess(executable, arguments)
    let status = child.waitForExit()
    return (status, child.lines.joined(separator: "\n"), child.standardError)
}

