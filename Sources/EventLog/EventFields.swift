public import WireFormat

/// One event of an append as its maker writes it (`NewEventSequence(count:write:)`):
/// its type, schema version, tags and payload, in buffers the encoder keeps from one
/// event to the next. What a `NewEvent` holds, without the payload array, the tag
/// array and each tag's String that a `NewEvent` is made of and freed with: for a
/// book-in of a million SIMs those were half of the encoding thread's time.
public struct EventFields {
    /// The wire name.
    public var type: String = ""
    public var schemaVersion: UInt32 = 0
    /// The payload's bytes (written by the maker from empty).
    public var payload = ByteWriter(capacity: 256)
    public var tags = EventTags()

    public init() {}

    /// Forgets the event written, keeping the buffers.
    mutating func reset() {
        payload.removeAll()
        tags.removeAll()
    }
}

/// The tags of one event as the record holds them: each a varint length and its UTF-8.
public struct EventTags {
    private(set) var bytes = ByteWriter(capacity: 128)
    private(set) var count = 0

    /// Adds the tag `prefix + key`, its two parts written one after the other.
    public mutating func addTag(_ prefix: String, _ key: String) {
        bytes.writeVarint(prefix.utf8.count + key.utf8.count)
        Self.append(prefix, to: &bytes)
        Self.append(key, to: &bytes)
        count += 1
    }

    mutating func removeAll() {
        bytes.removeAll()
        count = 0
    }

    private static func append(_ string: String, to writer: inout ByteWriter) {
        // Read in place; a bridged string is made native first.
        if string.utf8.withContiguousStorageIfAvailable({ writer.writeRaw($0) }) == nil {
            var copy = string
            copy.withUTF8 { writer.writeRaw($0) }
        }
    }
}
