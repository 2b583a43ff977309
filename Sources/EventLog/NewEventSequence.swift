/// The events of one append: an array, or a count and a function that makes the
/// event at an index. A large append made by a function makes its events on the
/// thread that encodes them (`ConcurrentRecordEncoder`), a chunk at a time, so the
/// caller's thread does not first build a million `NewEvent`s (each a payload, a tag
/// array and its strings) and hold them all until the append is done.
public struct NewEventSequence: Sendable {
    enum Source: Sendable {
        case array([NewEvent])
        case made(count: Int, event: @Sendable (Int) -> NewEvent)
        case written(count: Int, write: @Sendable (Int, inout EventFields) -> Void)
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

    /// `write(i, &fields)` is called once for each index of `0..<count`, in order, on
    /// any thread, with `fields` empty: it writes event `i`'s type, schema version,
    /// tags and payload (`EventFields`). The records are those of the same events made
    /// as `NewEvent`s, without a `NewEvent` made and freed for each.
    public init(count: Int, trailingTags: [String] = [], write: @escaping @Sendable (Int, inout EventFields) -> Void) {
        source = .written(count: count, write: write)
        self.trailingTags = trailingTags
    }

    public var count: Int {
        switch source {
        case .array(let events): events.count
        case .made(let count, _): count
        case .written(let count, _): count
        }
    }

    /// Encodes the events of `range` as one chunk (`RecordChunk`), the first at
    /// `firstPosition`, adding their tags to `tagIndex`.
    func chunk(
        _ range: Range<Int>, firstPosition: UInt64, shared: borrowing RecordCodec.SharedFields, previous: inout [UInt8],
        tagIndex: inout TagIndexWriter
    ) throws -> RecordChunk {
        switch source {
        case .array(let events):
            // Read in place: a copy would retain and release each event's strings and arrays.
            try events.withUnsafeBufferPointer { events in
                try RecordChunk(
                    encoding: events[range], firstPosition: firstPosition, shared: shared, previous: &previous,
                    tagIndex: &tagIndex)
            }
        case .made(_, let event):
            try range.map(event).withUnsafeBufferPointer { events in
                try RecordChunk(
                    encoding: events[...], firstPosition: firstPosition, shared: shared, previous: &previous,
                    tagIndex: &tagIndex)
            }
        case .written(_, let write):
            try RecordChunk(
                writing: range, with: write, firstPosition: firstPosition, shared: shared, previous: &previous,
                tagIndex: &tagIndex)
        }
    }

    /// The tag index entries the events of `range` give, about: room to make for them.
    func expectedTagEntries(_ range: Range<Int>) -> Int {
        switch source {
        case .array(let events):
            events.withUnsafeBufferPointer { TagIndexWriter.entries(of: $0[range], trailingTags: trailingTags.count) }
        case .made, .written:
            // Not made yet: a tag an event and the trailing ones (the writer grows past it).
            range.count * (1 + trailingTags.count)
        }
    }
}
