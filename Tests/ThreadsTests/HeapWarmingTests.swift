import Foundation
import Testing

/// `HeapWarming` faults in the heap a process's main thread grows into, before that
/// thread touches it: run in a child (`heap-probe`), since the main heap is the
/// process's own.
@Suite struct HeapWarmingTests {
    /// The pages of 64 MiB of fresh heap, never written, that are resident.
    static func resident(_ mode: String) throws -> (resident: Int, pages: Int) {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let probe = testBinary.deletingLastPathComponent().appendingPathComponent("heap-probe")
        let process = Process()
        process.executableURL = probe
        process.arguments = [mode]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "heap-probe \(mode): \(printed)")
        let words = printed.split(whereSeparator: \.isWhitespace)
        guard words.count == 4, let resident = Int(words[1]), let pages = Int(words[3]) else {
            throw ProbeOutput(printed: printed)
        }
        return (resident, pages)
    }

    struct ProbeOutput: Error, CustomStringConvertible {
        var printed: String
        var description: String { "heap-probe printed \(printed.debugDescription)" }
    }

    @Test func theHeapGrownIntoIsResidentBeforeItIsWritten() throws {
        let warm = try Self.resident("warm")
        #expect(warm.resident >= warm.pages * 9 / 10, "warmed: \(warm.resident) of \(warm.pages) pages resident")
        // Without it, only the pages malloc wrote its headers into are.
        let cold = try Self.resident("cold")
        #expect(cold.resident <= cold.pages / 4, "not warmed: \(cold.resident) of \(cold.pages) pages resident")
    }
}
