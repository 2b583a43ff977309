public import WireFormat

/// `number.imported` v1: a number entered a reseller's inventory (-> AVAILABLE).
public struct NumberImported: EventPayload {
    public static let wireName = "number.imported"
    public static let schemaVersion: UInt32 = 1

    public var number: PhoneNumber
    public var reseller: Name

    public var tags: [String] { [Tag.number(number), Tag.reseller(reseller)] }
    public var summary: String { "number \(number) imported for \(reseller) (-> AVAILABLE)" }
    public var fields: [(String, String)] { [("number", number.rawValue), ("reseller", reseller.rawValue)] }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(number)
        writer.write(reseller)
    }
}

extension NumberImported {
    public init(payload reader: inout ByteReader) throws {
        number = try reader.read(PhoneNumber.self)
        reseller = try reader.read(Name.self)
    }
}

/// `number.assigned` v1: AVAILABLE -> ASSIGNED to a new subscriber.
public struct NumberAssigned: EventPayload {
    public static let wireName = "number.assigned"
    public static let schemaVersion: UInt32 = 1

    public var number: PhoneNumber
    public var reseller: Name
    public var group: Name
    public var subscriber: SubUID

    public var tags: [String] {
        [Tag.number(number), Tag.reseller(reseller), Tag.group(group), Tag.subscriber(subscriber)]
    }
    public var summary: String { "number \(number) assigned to subscriber \(subscriber) (AVAILABLE -> ASSIGNED)" }
    public var fields: [(String, String)] {
        [
            ("number", number.rawValue), ("reseller", reseller.rawValue), ("group", group.rawValue),
            ("subscriber", subscriber.rawValue),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(number)
        writer.write(reseller)
        writer.write(group)
        writer.write(subscriber)
    }
}

extension NumberAssigned {
    public init(payload reader: inout ByteReader) throws {
        number = try reader.read(PhoneNumber.self)
        reseller = try reader.read(Name.self)
        group = try reader.read(Name.self)
        subscriber = try reader.read(SubUID.self)
    }
}

/// `number.quarantined` v1: ASSIGNED -> QUARANTINED until a date, when its
/// subscriber was terminated. From `until` on it reads as AVAILABLE.
public struct NumberQuarantined: EventPayload {
    public static let wireName = "number.quarantined"
    public static let schemaVersion: UInt32 = 1

    public var number: PhoneNumber
    public var reseller: Name
    public var group: Name
    public var subscriber: SubUID
    public var until: Timestamp

    public var tags: [String] {
        [Tag.number(number), Tag.reseller(reseller), Tag.group(group), Tag.subscriber(subscriber)]
    }
    public var summary: String { "number \(number) quarantined until \(until.iso8601) (ASSIGNED -> QUARANTINED)" }
    public var fields: [(String, String)] {
        [
            ("number", number.rawValue), ("reseller", reseller.rawValue), ("group", group.rawValue),
            ("subscriber", subscriber.rawValue), ("until", until.iso8601),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(number)
        writer.write(reseller)
        writer.write(group)
        writer.write(subscriber)
        writer.write(until)
    }
}

extension NumberQuarantined {
    public init(payload reader: inout ByteReader) throws {
        number = try reader.read(PhoneNumber.self)
        reseller = try reader.read(Name.self)
        group = try reader.read(Name.self)
        subscriber = try reader.read(SubUID.self)
        until = try reader.readTimestamp()
    }
}

/// `number.released` v1: QUARANTINED -> AVAILABLE before its date, by an operator.
public struct NumberReleased: EventPayload {
    public static let wireName = "number.released"
    public static let schemaVersion: UInt32 = 1

    public var number: PhoneNumber
    public var reseller: Name
    /// When the quarantine would have ended.
    public var quarantinedUntil: Timestamp

    public var tags: [String] { [Tag.number(number), Tag.reseller(reseller)] }
    public var summary: String {
        "number \(number) released before \(quarantinedUntil.iso8601) (QUARANTINED -> AVAILABLE)"
    }
    public var fields: [(String, String)] {
        [("number", number.rawValue), ("reseller", reseller.rawValue), ("quarantined-until", quarantinedUntil.iso8601)]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(number)
        writer.write(reseller)
        writer.write(quarantinedUntil)
    }
}

extension NumberReleased {
    public init(payload reader: inout ByteReader) throws {
        number = try reader.read(PhoneNumber.self)
        reseller = try reader.read(Name.self)
        quarantinedUntil = try reader.readTimestamp()
    }
}
