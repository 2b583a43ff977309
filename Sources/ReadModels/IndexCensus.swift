/// How many `rm.index` entries the records of a state make under each first byte of
/// their keys (each index has its own, `IndexKey`), estimated from a sample of each
/// table: where a bulk load splits the index between its two threads
/// (`BulkLoadIndexer`), and how much room each range needs.
///
/// The sample is every n-th record of each large table (at most `sampleSize` of
/// each) through the same `IndexMaintenance` code that derives the entries, so it
/// counts what the load will make; a few thousand records, a few milliseconds.
struct IndexCensus: IndexMaintenance {
    static let sampleSize = 4_096
    /// Estimated entries by the first byte of their key.
    private(set) var entries = [Double](repeating: 0, count: 256)
    /// What each entry counted now stands for (the sampled table's step).
    private var weight = 1.0

    init(of state: KeyOrderedState) {
        for record in state.groups { try? updateGroupIndexes(from: nil, to: record) }
        sample(state.sims) { census, record throws(ReadModelError) in try census.updateSIMIndexes(from: nil, to: record) }
        sample(state.numbers) { census, record throws(ReadModelError) in try census.updateNumberIndexes(from: nil, to: record) }
        sample(state.subscribers) { census, record throws(ReadModelError) in
            try census.updateSubscriberIndexes(from: nil, to: record)
        }
    }

    private mutating func sample<Record>(
        _ records: RecordsInKeyOrder<Record>, _ update: (inout IndexCensus, Record) throws(ReadModelError) -> Void
    ) {
        let step = max(1, (records.count + Self.sampleSize - 1) / Self.sampleSize)
        weight = Double(step)
        records.forEach(every: step) { record in try? update(&self, record) }
        weight = 1
    }

    mutating func setIndex(_ key: [UInt8], _ value: [UInt8], present: Bool) throws(ReadModelError) {
        if present { entries[Int(key.first ?? 0)] += weight }
    }

    mutating func bump(_ counter: CounterKey, _ delta: Int64) {}

    /// The first byte of the second range's keys that leaves the two ranges closest
    /// in size (the smallest such byte; `P`, the pools, when there are no entries).
    var balancedSplit: UInt8 {
        let total = entries.reduce(0, +)
        guard total > 0 else { return UInt8(ascii: "P") }
        var best = (split: UInt8(1), larger: Double.infinity)
        var before = 0.0
        for split in 1...255 {
            before += entries[split - 1]
            let larger = max(before, total - before)
            if larger < best.larger { best = (UInt8(split), larger) }
        }
        return best.split
    }

    /// The entries estimated in `range`, a little over, as room to make up front.
    func estimatedEntries(in range: BulkLoadIndexer.KeyRange) -> Int {
        let count = entries.indices.reduce(0.0) { sum, first in
            range.contains(first: UInt8(first)) ? sum + entries[first] : sum
        }
        return Int(count * 1.05) + 16
    }
}
