/// Events counted by wire name, for the `stats` figures by event type. Events come in
/// runs of one type (a book-in's million, a log's batches), so a run is summed here
/// and reaches the Dictionary once: one add a run instead of hashing the type's name
/// an event. The names are literals; two equal ones compare by their bits.
public struct EventTypeCounts: Sendable {
    private var counts: [String: Int64]
    private var run: (type: String, count: Int64) = ("", 0)

    public init(_ counts: [String: Int64] = [:]) {
        self.counts = counts
    }

    public mutating func add(type: String) {
        if type == run.type {
            run.count += 1
        } else {
            endRun()
            run = (type, 1)
        }
    }

    /// Adds every count of `other` (a prepared run's, `PreparedInserts`).
    public mutating func add(_ other: EventTypeCounts) {
        var other = other
        endRun()
        for (type, count) in other.summed() { counts[type, default: 0] += count }
    }

    /// Every type's count so far.
    public mutating func summed() -> [String: Int64] {
        endRun()
        return counts
    }

    private mutating func endRun() {
        if run.count > 0 { counts[run.type, default: 0] += run.count }
        run = ("", 0)
    }
}
