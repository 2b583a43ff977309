import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress line on standard error for long work (replay, import, verify, copies,
/// bulk changes): only when standard error is a terminal and the output is not JSON,
/// and only once the work has run for about a second (`PROVCTL_PROGRESS_AFTER`:
/// another number of seconds, 0 for at once).
final class ProgressBar {
    private let label: String
    private let total: UInt64?
    private let enabled: Bool
    private let started = Date()
    private let delay: TimeInterval = GlobalOptions.environment("PROVCTL_PROGRESS_AFTER")
        .flatMap(TimeInterval.init).map { max(0, $0) } ?? 1
    private var shown = false

    init(_ label: String, total: UInt64?, json: Bool) {
        self.label = label
        self.total = total
        enabled = !json && isatty(2) == 1
    }

    func update(_ done: UInt64) {
        update(done, of: total, stage: nil)
    }

    /// `stage` names the part of the work under way (a change's "applying"); `total`
    /// overrides the one given at the start (a change learns it once decided).
    func update(_ done: UInt64, of total: UInt64?, stage: String?) {
        guard enabled, Date().timeIntervalSince(started) >= delay else { return }
        shown = true
        let title = stage.map { "\(label) (\($0))" } ?? label
        var line = "\r\(title): \(done)"
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let width = 30
            let filled = Int(fraction * Double(width))
            line = "\r\(title) [" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
                + "] \(done)/\(total) \(Int(fraction * 100))%"
        }
        // Clear what a longer line before it left.
        StandardStreams.writeError(line + "\u{1B}[K")
    }

    func finish() {
        if shown { StandardStreams.writeError("\n") }
    }
}
