import Threads

/// The index half of a bulk load (`ReadModelStore.putAll`), on threads of their own:
/// derives the index entries and counters of every record of the indexed tables
/// (groups, SIMs, numbers, subscribers) and orders the entries, while the writer's
/// thread encodes and puts the records themselves; then the writer puts the entries,
/// read in place where they were collected. Rebuilding 1.6 million records and their
/// 4.6 million index entries on one core left the other idle.
///
/// The index's keys are split in two ranges by their first byte (the index they
/// belong to, `IndexKey`): those before a split byte and the others. Each range is
/// derived from every record and ordered on a thread of its own, and the counters are
/// summed on a third (`BulkLoadIndexes`); the first range's entries are written, then
/// the second's: no merge. (The records were split instead, first in two parts of the
/// SIMs, and the two runs merged entry by entry: a comparison and two copies an
/// entry, on the critical path of the write once the records were in.) The split byte
/// is chosen for each load from a sample of its records (`IndexCensus`), so that the
/// two ranges hold about as many entries: which indexes a store's records fill
/// depends on their states (a store of booked-in SIMs has no pools, no SIMs of a
/// group), and a fixed split left one thread 70 % of the entries of the 10M store.
///
/// A target that takes the index in parts (`IndexPartsTarget`: a read-model check,
/// which compares rather than writes) is handed each range by the thread that derived
/// it, as soon as it is ordered: both ranges are compared at once, and not after the
/// records on the loading thread.
///
/// (The entries were handed over in chunks of 4,096 through a channel, so that the
/// writer could begin on the first range while the rest was cut: the chunks' copies
/// and fresh pages cost more than they overlapped, a fifth of the indexer's threads.)
struct BulkLoadIndexer: Sendable {
    /// A range's entries, and whether the target took them already.
    private typealias DerivedRange = (entries: OrderedIndexEntries, taken: Bool)
    private let ranges: [BackgroundTask<DerivedRange>]
    private let counters: BackgroundTask<[CounterKey: Int64]>

    /// Starts deriving the index entries and counters of `state` on three threads.
    /// `split`: the first byte of the second range's keys, chosen from a census of the
    /// records when not given (tests give it). `parts`: a target that takes the ranges
    /// as they are ready.
    init(_ state: KeyOrderedState, split: UInt8? = nil, parts: (any IndexPartsTarget)? = nil) {
        let census = IndexCensus(of: state)
        let split = split ?? census.balancedSplit
        counters = BackgroundTask { try Self.derive(state, .counters).counterDeltas }
        ranges = [true, false].enumerated().map { part, beforeSplit in
            BackgroundTask {
                let keys = KeyRange(split: split, beforeSplit: beforeSplit)
                var indexes = try Self.derive(state, .entries(keys), expectedEntries: census.estimatedEntries(in: keys))
                let entries = indexes.takeEntries().ordered()
                let taken = try parts?.load(
                    part: part, of: 2, lower: beforeSplit ? nil : [split], upper: beforeSplit ? [split] : nil
                ) { put in try entries.forEach(put) }
                return (entries, taken ?? false)
            }
        }
    }

    /// The records' counter deltas, once every range was taken by the target in parts
    /// (`IndexPartsTarget`); nil when the entries are to be loaded with `drain`.
    func takenInParts() throws -> [CounterKey: Int64]? {
        var taken = true
        for range in ranges { taken = try range.value().taken && taken }
        return taken ? try counters.value() : nil
    }

    /// Hands every entry to `put` in key order, once the threads have them; the
    /// counter deltas of the records.
    func drain(_ put: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Void) throws
        -> [CounterKey: Int64]
    {
        for range in ranges { try range.value().entries.forEach(put) }
        return try counters.value()
    }

    /// Waits for the threads, whose work is not wanted (the load failed).
    func cancel() {
        for range in ranges { range.wait() }
        counters.wait()
    }

    /// Which index keys a thread derives, by their first byte: those before `split`,
    /// or the others.
    struct KeyRange: Equatable {
        var split: UInt8
        var beforeSplit: Bool

        /// Whether keys beginning with `first` are in the range.
        func contains(first: UInt8) -> Bool {
            (first < split) == beforeSplit
        }
    }

    /// The entries or counters (`part`) of every record.
    private static func derive(
        _ state: KeyOrderedState, _ part: BulkLoadIndexes.Part, expectedEntries: Int = 0
    ) throws -> BulkLoadIndexes {
        var indexes = BulkLoadIndexes(part, expectedEntries: expectedEntries)
        for record in state.groups { try indexes.updateGroupIndexes(from: nil, to: record) }
        try state.sims.forEach { try indexes.updateSIMIndexes(from: nil, to: $0) }
        try state.numbers.forEach { try indexes.updateNumberIndexes(from: nil, to: $0) }
        try state.subscribers.forEach { try indexes.updateSubscriberIndexes(from: nil, to: $0) }
        return indexes
    }
}
