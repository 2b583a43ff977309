/// One event as stored: its place in the log, who recorded it and why, what it
/// touched, the domain payload (opaque here), and the hash that chains it to the
/// event before.
public struct EventRecord: Hashable, Sendable {
    /// Gapless, from 1.
    public var position: UInt64
    /// UTC milliseconds since 1970. Never decreases along the log (see `EventLog.append`).
    public var recordedAt: Int64
    /// The stable wire name of the event type, e.g. `sim.reserved`.
    public var type: String
    public var schemaVersion: UInt32
    public var actor: String
    public var role: String
    public var commandID: String
    public var correlationID: String?
    public var reason: String?
    /// What the event touched, e.g. `sim:894453000000085788`; the keys of the tag index.
    public var tags: [String]
    public var payload: [UInt8]
    /// SHA-256(previous record's hash ‖ this record's encoded fields).
    public var hash: [UInt8]

    public init(
        position: UInt64, recordedAt: Int64, type: String, schemaVersion: UInt32, actor: String, role: String,
        commandID: String, correlationID: String?, reason: String?, tags: [String], payload: [UInt8],
        hash: [UInt8]
    ) {
        self.position = position
        self.recordedAt = recordedAt
        self.type = type
        self.schemaVersion = schemaVersion
        self.actor = actor
        self.role = role
        self.commandID = commandID
        self.correlationID = correlationID
        self.reason = reason
        self.tags = tags
        self.payload = payload
        self.hash = hash
    }
}

/// An event to append: the caller's part of a record.
public struct NewEvent: Hashable, Sendable {
    public var type: String
    public var schemaVersion: UInt32
    public var tags: [String]
    public var payload: [UInt8]

    public init(type: String, schemaVersion: UInt32, tags: [String], payload: [UInt8]) {
        self.type = type
        self.schemaVersion = schemaVersion
        self.tags = tags
        self.payload = payload
    }
}

/// What every event of one append shares: who, when, which command, why.
public struct AppendMetadata: Hashable, Sendable {
    public var actor: String
    public var role: String
    /// The idempotency key: an append whose command id was seen before writes nothing.
    public var commandID: String
    public var correlationID: String?
    public var reason: String?
    /// The wall-clock time of the change, UTC milliseconds (the caller's clock).
    public var recordedAt: Int64

    public init(
        actor: String, role: String, commandID: String, correlationID: String? = nil, reason: String? = nil,
        recordedAt: Int64
    ) {
        self.actor = actor
        self.role = role
        self.commandID = commandID
        self.correlationID = correlationID
        self.reason = reason
        self.recordedAt = recordedAt
    }
}

/// The positions an append wrote, or, for a repeated command id, those it wrote the first time.
public struct AppendResult: Hashable, Sendable {
    /// The first position written; when `count` is 0, the head at that time plus one.
    public var firstPosition: UInt64
    public var count: UInt64
    public var recordedAt: Int64
    /// True when the command id had been seen: nothing was written this time.
    public var alreadyApplied: Bool

    public var lastPosition: UInt64 { firstPosition + count - 1 }
    public var positions: ClosedRange<UInt64>? { count == 0 ? nil : firstPosition...lastPosition }
}

/// The end of the log: its last position and hash (zeros for an empty log).
public struct LogHead: Hashable, Sendable {
    public var position: UInt64
    public var hash: [UInt8]
    public var recordedAt: Int64

    public static let empty = LogHead(position: 0, hash: [UInt8](repeating: 0, count: 32), recordedAt: 0)
}
