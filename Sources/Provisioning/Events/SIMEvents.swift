public import WireFormat

// One event per SIM, even in a bulk action: the tag index and the audit of one
// SIM stay one cheap read, and a batch of 200,000 is 200,000 events of one change.
// Where the state machine fixes the status before, the event does not store it:
// `statusBefore` and `statusAfter` give the transition all the same.

/// `sim.booked-in` v1: a SIM entered the stock (BOOKIN).
public struct SIMBookedIn: SIMEventPayload {
    public static let wireName = "sim.booked-in"
    public static let schemaVersion: UInt32 = 1

    public var iccid: ICCID
    public var simType: SIMTypeCode
    public var form: SIMForm
    public var imsi: IMSI?
    /// For an eSIM booked in with its activation code: the secret's reference and fingerprint.
    public var activation: ActivationReference?

    public var statusBefore: SIMStatus? { nil }
    public var statusAfter: SIMStatus { .bookin }
    public var tags: [String] { [Tag.sim(iccid)] }
    public func writeTags(to sink: inout some TagSink) { sink.addTag(Tag.simPrefix, iccid.rawValue) }
    public var summary: String { "booked in as \(form.spoken) \(simType) (-> BOOKIN)" }
    public var fields: [(String, String)] {
        [
            ("iccid", iccid.rawValue), ("sim-type", simType.rawValue), ("form", form.rawValue),
            ("imsi", imsi.text), ("activation-code", activation?.secretReference ?? ""),
            ("activation-fingerprint", activation?.fingerprint ?? ""),
            ("smdp-address", activation?.smdpAddress.rawValue ?? ""),
            ("status-before", ""), ("status-after", statusAfter.rawValue),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(iccid)
        writer.write(simType)
        writer.write(form)
        writer.write(imsi)
        writer.write(activation)
    }
}

extension SIMBookedIn {
    public init(payload reader: inout ByteReader) throws {
        iccid = try reader.read(ICCID.self)
        simType = try reader.read(SIMTypeCode.self)
        form = try reader.read(SIMForm.self)
        imsi = try reader.readOptional(IMSI.self)
        activation = try reader.readActivationReference()
    }
}

/// `sim.reserved` v1: BOOKIN -> RESERVED for a reseller (distributor only).
public struct SIMReserved: SIMEventPayload {
    public static let wireName = "sim.reserved"
    public static let schemaVersion: UInt32 = 1

    public var iccid: ICCID
    public var reseller: Name

    public var statusBefore: SIMStatus? { .bookin }
    public var statusAfter: SIMStatus { .reserved }
    public var tags: [String] { [Tag.sim(iccid), Tag.reseller(reseller)] }
    public func writeTags(to sink: inout some TagSink) {
        sink.addTag(Tag.simPrefix, iccid.rawValue)
        sink.addTag(Tag.resellerPrefix, reseller.rawValue)
    }
    public var summary: String { "reserved for \(reseller) (BOOKIN -> RESERVED)" }
    public var fields: [(String, String)] {
        [
            ("iccid", iccid.rawValue), ("reseller", reseller.rawValue),
            ("status-before", statusBefore.spoken), ("status-after", statusAfter.rawValue),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(iccid)
        writer.write(reseller)
    }
}

extension SIMReserved {
    public init(payload reader: inout ByteReader) throws {
        iccid = try reader.read(ICCID.self)
        reseller = try reader.read(Name.self)
    }
}

/// `sim.allocated` v1: RESERVED -> ALLOCATED to a group of the same reseller.
public struct SIMAllocated: SIMEventPayload {
    public static let wireName = "sim.allocated"
    public static let schemaVersion: UInt32 = 1

    public var iccid: ICCID
    public var reseller: Name
    public var group: Name

    public var statusBefore: SIMStatus? { .reserved }
    public var statusAfter: SIMStatus { .allocated }
    public var tags: [String] { [Tag.sim(iccid), Tag.reseller(reseller), Tag.group(group)] }
    public func writeTags(to sink: inout some TagSink) {
        sink.addTag(Tag.simPrefix, iccid.rawValue)
        sink.addTag(Tag.resellerPrefix, reseller.rawValue)
        sink.addTag(Tag.groupPrefix, group.rawValue)
    }
    public var summary: String { "allocated to \(group) of \(reseller) (RESERVED -> ALLOCATED)" }
    public var fields: [(String, String)] {
        [
            ("iccid", iccid.rawValue), ("reseller", reseller.rawValue), ("group", group.rawValue),
            ("status-before", statusBefore.spoken), ("status-after", statusAfter.rawValue),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(iccid)
        writer.write(reseller)
        writer.write(group)
    }
}

extension SIMAllocated {
    public init(payload reader: inout ByteReader) throws {
        iccid = try reader.read(ICCID.self)
        reseller = try reader.read(Name.self)
        group = try reader.read(Name.self)
    }
}

/// `sim.unallocated` v1: ALLOCATED -> RESERVED, back to its reseller from `group`.
public struct SIMUnallocated: SIMEventPayload {
    public static let wireName = "sim.unallocated"
    public static let schemaVersion: UInt32 = 1

    public var iccid: ICCID
    public var reseller: Name
    public var group: Name

    public var statusBefore: SIMStatus? { .allocated }
    public var statusAfter: SIMStatus { .reserved }
    public var tags: [String] { [Tag.sim(iccid), Tag.reseller(reseller), Tag.group(group)] }
    public func writeTags(to sink: inout some TagSink) {
        sink.addTag(Tag.simPrefix, iccid.rawValue)
        sink.addTag(Tag.resellerPrefix, reseller.rawValue)
        sink.addTag(Tag.groupPrefix, group.rawValue)
    }
    public var summary: String { "unallocated from \(group), back to \(reseller) (ALLOCATED -> RESERVED)" }
    public var fields: [(String, String)] {
        [
            ("iccid", iccid.rawValue), ("reseller", reseller.rawValue), ("group", group.rawValue),
            ("status-before", statusBefore.spoken), ("status-after", statusAfter.rawValue),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(iccid)
        writer.write(reseller)
        writer.write(group)
    }
}

extension SIMUnallocated {
    public init(payload reader: inout ByteReader) throws {
        iccid = try reader.read(ICCID.self)
        reseller = try reader.read(Name.self)
        group = try reader.read(Name.self)
    }
}

/// `sim.unreserved` v1: RESERVED -> BOOKIN, back to stock from `reseller`.
public struct SIMUnreserved: SIMEventPayload {
    public static let wireName = "sim.unreserved"
    public static let schemaVersion: UInt32 = 1

    public var iccid: ICCID
    public var reseller: Name

    public var statusBefore: SIMStatus? { .reserved }
    public var statusAfter: SIMStatus { .bookin }
    public var tags: [String] { [Tag.sim(iccid), Tag.reseller(reseller)] }
    public func writeTags(to sink: inout some TagSink) {
        sink.addTag(Tag.simPrefix, iccid.rawValue)
        sink.addTag(Tag.resellerPrefix, reseller.rawValue)
    }
    public var summary: String { "unreserved from \(reseller), back to stock (RESERVED -> BOOKIN)" }
    public var fields: [(String, String)] {
        [
            ("iccid", iccid.rawValue), ("reseller", reseller.rawValue),
            ("status-before", statusBefore.spoken), ("status-after", statusAfter.rawValue),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(iccid)
        writer.write(reseller)
    }
}

extension SIMUnreserved {
    public init(payload reader: inout ByteReader) throws {
        iccid = try reader.read(ICCID.self)
        reseller = try reader.read(Name.self)
    }
}

/// `sim.activated` v1: ALLOCATED (or, when the group does not limit SIM access,
/// RESERVED) -> ACTIVE for a new subscriber.
public struct SIMActivated: SIMEventPayload {
    public static let wireName = "sim.activated"
    public static let schemaVersion: UInt32 = 1

    public var iccid: ICCID
    public var before: SIMStatus
    public var reseller: Name
    public var group: Name
    public var subscriber: SubUID

    public var statusBefore: SIMStatus? { before }
    public var statusAfter: SIMStatus { .active }
    public var tags: [String] {
        [Tag.sim(iccid), Tag.reseller(reseller), Tag.group(group), Tag.subscriber(subscriber)]
    }
    public var summary: String { "activated for subscriber \(subscriber) of \(group) (\(before.rawValue) -> ACTIVE)" }
    public var fields: [(String, String)] {
        [
            ("iccid", iccid.rawValue), ("reseller", reseller.rawValue), ("group", group.rawValue),
            ("subscriber", subscriber.rawValue),
            ("status-before", before.rawValue), ("status-after", statusAfter.rawValue),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(iccid)
        writer.write(before)
        writer.write(reseller)
        writer.write(group)
        writer.write(subscriber)
    }
}

extension SIMActivated {
    public init(payload reader: inout ByteReader) throws {
        iccid = try reader.read(ICCID.self)
        before = try reader.read(SIMStatus.self)
        reseller = try reader.read(Name.self)
        group = try reader.read(Name.self)
        subscriber = try reader.read(SubUID.self)
    }
}

/// `sim.retired` v1: any status but RETIRED -> RETIRED, for good (never reused).
public struct SIMRetired: SIMEventPayload {
    public static let wireName = "sim.retired"
    public static let schemaVersion: UInt32 = 1

    public var iccid: ICCID
    public var before: SIMStatus
    public var reason: SIMRetirementReason
    /// Who held it when it was retired.
    public var reseller: Name?
    public var group: Name?
    public var subscriber: SubUID?

    public var statusBefore: SIMStatus? { before }
    public var statusAfter: SIMStatus { .retired }
    public var tags: [String] {
        [Tag.sim(iccid)] + (reseller.map { [Tag.reseller($0)] } ?? []) + (group.map { [Tag.group($0)] } ?? [])
            + (subscriber.map { [Tag.subscriber($0)] } ?? [])
    }
    public var summary: String { "retired: \(reason.rawValue) (\(before.rawValue) -> RETIRED)" }
    public var fields: [(String, String)] {
        [
            ("iccid", iccid.rawValue), ("reason", reason.rawValue), ("reseller", reseller.text),
            ("group", group.text), ("subscriber", subscriber.text),
            ("status-before", before.rawValue), ("status-after", statusAfter.rawValue),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(iccid)
        writer.write(before)
        writer.write(reason)
        writer.write(reseller)
        writer.write(group)
        writer.write(subscriber)
    }
}

extension SIMRetired {
    public init(payload reader: inout ByteReader) throws {
        iccid = try reader.read(ICCID.self)
        before = try reader.read(SIMStatus.self)
        reason = try reader.read(SIMRetirementReason.self)
        reseller = try reader.readOptional(Name.self)
        group = try reader.readOptional(Name.self)
        subscriber = try reader.readOptional(SubUID.self)
    }
}
