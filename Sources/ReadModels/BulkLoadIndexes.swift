/// The index entries and counters of a bulk load (`ReadModelStore.putAll`), kept
/// apart from the tables: they are derived on a thread of their own
/// (`BulkLoadIndexer`) while the writer's thread appends the records.
///
/// Each thread keeps the entries of one range of keys (`BulkLoadIndexer.KeyRange`);
/// the thread of the first range sums the counters, so that each is counted once.
struct BulkLoadIndexes: IndexMaintenance {
    private(set) var entries: IndexEntryBuffer
    private(set) var counterDeltas: [CounterKey: Int64] = [:]
    private let keys: BulkLoadIndexer.KeyRange

    init(keys: BulkLoadIndexer.KeyRange, expectedEntries: Int) {
        self.keys = keys
        entries = IndexEntryBuffer(expectedEntries: expectedEntries)
    }

    mutating func setIndex(_ key: [UInt8], _ value: [UInt8], present: Bool) throws(ReadModelError) {
        // A bulk load writes records into empty tables: nothing is there to remove.
        guard present else { throw ReadModelError(BulkLoadRemoval(key: key), while: "loading rm.index") }
        if keys.contains(first: key.first ?? 0) { entries.add(key, value) }
    }

    func wants(_ index: UInt8) -> Bool { keys.contains(first: index) }

    mutating func bump(_ counter: CounterKey, _ delta: Int64) {
        if keys == .beforeSplit { counterDeltas[counter, default: 0] += delta }
    }
}

/// An index entry to remove during a bulk load, which only adds (a bug if it happens).
struct BulkLoadRemoval: Error, CustomStringConvertible {
    var key: [UInt8]
    var description: String { "a bulk load into empty tables was asked to remove an index entry (\(key.count) bytes)" }
}
