/// The events of one append: an array, or a count and a function that makes the
/// event at an index. A large append made by a function makes its events on the
/// thread that encodes them (`ConcurrentRecordEncoder`), a chunk at a time, so the
/// caller's thread does not first build a million `NewEvent`s (each a payload, a tag
/// array and its strings) and hold them all until the append is done.
public struct NewEventSequence: Sendable {
    enum Source: Sendable {
        case array([NewEvent])
        case made(count: Int, event: @Sendable (Int) -> NewEvent)
    }

    let source: Source
    /// Tags every event carries after its own, in this order (the Engine's acting
    /// user): stored in each record as if each event listed them, and indexed for
    /// each event, but made and looked up once for the append instead of once an event.
    public let trailingTags: [String]

    public init(_ events: [NewEvent], trailingTags: [String] = []) {
        source = .array(events)
        self.trailingTags = trailingTags
    }

    /// `event(i)` is called once for each index of `0..<count`, in order, on any thread.
    public init(count: Int, trailingTags: [String] = [], event: @escaping @Sendable (Int) -> NewEvent) {
        source = .made(count: count, event: event)
        self.trailingTags = trailingTags
    }

    public var count: Int {
        switch source {
        case .array(let events): events.count
        case .made(let count, _): count
        }
    }

    /// Lends the events of `range`, made now (for a made sequence) or read in place
    /// from the array (a copy would retain and release each event's strings and arrays).
    func withEvents<R>(_ range: Range<Int>, _ body: (Slice<UnsafeBufferPointer<NewEvent>>) throws -> R) rethrows -> R {
        switch source {
        case .array(let events): try events.withUnsafeBufferPointer { try body($0[range]) }
        case .made(_, let event): try range.map(event).withUnsafeBufferPointer { try body($0[...]) }
        }
    }
}
