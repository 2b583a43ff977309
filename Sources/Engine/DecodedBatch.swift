/// Decoded records handed from the decoding thread (`ConcurrentLogDecoder`) to the
/// fold, which moves each one out as it applies it: iterating an array copied each
/// record (retaining its strings and payload) and then destroyed the array's own
/// (releasing them again), about a tenth of the fold's time.
///
/// Owned by one thread at a time: filled by the decoder, sent through the channel,
/// then drained by the fold; never touched by two threads at once, hence `@unchecked`.
final class DecodedBatch: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<DecodedRecord>
    let capacity: Int
    private(set) var count = 0
    /// Records before this one have been moved out.
    private var taken = 0

    init(capacity: Int) {
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
    }

    var isFull: Bool { count == capacity }
    var isEmpty: Bool { count == 0 }

    func append(_ record: consuming DecodedRecord) {
        precondition(count < capacity, "a full batch")
        (storage + count).initialize(to: record)
        count += 1
    }

    /// The next record, moved out of the batch; nil after the last.
    func next() -> DecodedRecord? {
        guard taken < count else { return nil }
        defer { taken += 1 }
        return (storage + taken).move()
    }

    deinit {
        (storage + taken).deinitialize(count: count - taken)
        storage.deallocate()
    }
}
