import Foundation

/// A progress line on standard error for long work (replay, import, verify, copies):
/// only when standard error is a terminal and the output is not JSON, and only once
/// the work has run for about a second.
final class ProgressBar {
    private let label: String
    private let total: UInt64?
    private let enabled: Bool
    private let started = Date()
    private var shown = false

    init(_ label: String, total: UInt64?, json: Bool) {
        self.label = label
        self.total = total
        enabled = !json && isatty(2) == 1
    }

    func update(_ done: UInt64) {
        guard enabled, Date().timeIntervalSince(started) > 1 else { return }
        shown = true
        var line = "\r\(label): \(done)"
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let width = 30
            let filled = Int(fraction * Double(width))
            line = "\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
                + "] \(done)/\(total) \(Int(fraction * 100))%"
        }
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
