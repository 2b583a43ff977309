public import WireFormat

/// One event type: its stable wire name and schema version, its binary payload,
/// the tags it is indexed by, and how it reads in the log.
///
/// The wire name and version are written as constants, never derived from the Swift
/// type name: renaming a Swift type must not change what is on disk. A wire name
/// never changes; a new shape of payload gets a new schema version, and the decoder
/// keeps reading the old ones.
public protocol EventPayload: EventBody {
    static var wireName: String { get }
    static var schemaVersion: UInt32 { get }

    /// Reads the fields in the order `encodePayload` wrote them, for this schema version.
    init(payload reader: inout ByteReader) throws
}

/// What every event offers, whether its wire name is fixed by its type
/// (`EventPayload`) or by a field (`CatalogAssigned`, one shape for four names).
public protocol EventBody: Hashable, Sendable {
    var wireName: String { get }
    var schemaVersion: UInt32 { get }
    /// `kind:key` of everything the event touched (`sim:8944...`, `reseller:Talk_Mail`).
    var tags: [String] { get }
    /// One short line for `log`, such as `reserved for Talk_Mail (BOOKIN -> RESERVED)`.
    var summary: String { get }
    /// Every field as name and display text, in payload order, for JSON output.
    var fields: [(String, String)] { get }

    func encodePayload(into writer: inout ByteWriter)

    /// Writes `tags` to `sink`, the same tags in the same order. The events of a bulk
    /// change (a SIM's `sim:`, `reseller:`, `group:`) write their parts, without a
    /// String and an array made for each event.
    func writeTags(to sink: inout some TagSink)
}

extension EventBody {
    public func writeTags(to sink: inout some TagSink) {
        for tag in tags { sink.addTag(tag, "") }
    }
}

extension EventPayload {
    public var wireName: String { Self.wireName }
    public var schemaVersion: UInt32 { Self.schemaVersion }
}

/// The `sim:` events, with the transition they record (for `audit`).
public protocol SIMEventPayload: EventPayload {
    var iccid: ICCID { get }
    var statusBefore: SIMStatus? { get }
    var statusAfter: SIMStatus { get }
}

extension Optional where Wrapped: CustomStringConvertible {
    /// The value's text, or "" when absent, for `fields`.
    var text: String { map(\.description) ?? "" }
}

extension SIMStatus? {
    var spoken: String { map(\.rawValue) ?? "-" }
}

func onOff(_ flag: Bool) -> String { flag ? "on" : "off" }
