/// The index entries or the counters of a bulk load (`ReadModelStore.putAll`), kept
/// apart from the tables: they are derived on threads of their own
/// (`BulkLoadIndexer`) while the writer's thread appends the records.
///
/// Each thread keeps the entries of one range of keys (`BulkLoadIndexer.KeyRange`),
/// or sums the counters (once, on a thread of their own).
struct BulkLoadIndexes: IndexMaintenance {
    /// What a thread keeps of the records' indexes.
    enum Part: Equatable {
        case entries(BulkLoadIndexer.KeyRange)
        case counters
    }

    private(set) var entries: IndexEntryBuffer
    private(set) var counterDeltas: [CounterKey: Int64] = [:]
    private let part: Part

    init(_ part: Part, expectedEntries: Int = 0) {
        self.part = part
        entries = IndexEntryBuffer(expectedEntries: expectedEntries)
    }

    mutating func setIndex(_ key: [UInt8], _ value: [UInt8], present: Bool) throws(ReadModelError) {
        // A bulk load writes records into empty tables: nothing is there to remove.
        guard present else { throw ReadModelError(BulkLoadRemoval(key: key), while: "loading rm.index") }
        if wants(key.first ?? 0) { entries.add(key, value) }
    }

    func wants(_ index: UInt8) -> Bool {
        guard case .entries(let keys) = part else { return false }
        return keys.contains(first: index)
    }

    /// The entries collected, taken out (this keeps none).
    mutating func takeEntries() -> IndexEntryBuffer {
        var taken = IndexEntryBuffer()
        swap(&taken, &entries)
        return taken
    }

    mutating func bump(_ counter: CounterKey, _ delta: Int64) {
        if part == .counters { counterDeltas[counter, default: 0] += delta }
    }
}

/// An index entry to remove during a bulk load, which only adds (a bug if it happens).
struct BulkLoadRemoval: Error, CustomStringConvertible {
    var key: [UInt8]
    var description: String { "a bulk load into empty tables was asked to remove an index entry (\(key.count) bytes)" }
}
