public import WireFormat

/// `reseller.created` v1 (guide 4). `dataInherited` says the home locations and
/// address were copied from the distributor at creation.
public struct ResellerCreated: EventPayload {
    public static let wireName = "reseller.created"
    public static let schemaVersion: UInt32 = 1

    public var name: Name
    public var description: Description?
    public var homeLocations: [CountryCode]
    public var country: CountryCode
    public var address: PostalAddress
    public var inheritConfiguration: Bool
    public var dataInherited: Bool

    public var tags: [String] { [Tag.reseller(name)] }
    public var summary: String {
        "reseller \(name) created (\(homeLocations.map(\.rawValue).joined(separator: ","))"
            + (inheritConfiguration ? ", inherits configuration)" : ", own configuration)")
    }
    public var fields: [(String, String)] {
        [
            ("name", name.rawValue), ("description", description.text),
            ("home-locations", homeLocations.map(\.rawValue).joined(separator: ",")),
            ("country", country.rawValue), ("address", address.rendered),
            ("inherit-configuration", onOff(inheritConfiguration)), ("inherit-data", onOff(dataInherited)),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(name)
        writer.write(description)
        writer.write(homeLocations)
        writer.write(country)
        writer.write(address)
        writer.writeBool(inheritConfiguration)
        writer.writeBool(dataInherited)
    }
}

extension ResellerCreated {
    public init(payload reader: inout ByteReader) throws {
        name = try reader.read(Name.self)
        description = try reader.readOptional(Description.self)
        homeLocations = try reader.readList(CountryCode.self)
        country = try reader.read(CountryCode.self)
        address = try reader.readPostalAddress()
        inheritConfiguration = try reader.readBool()
        dataInherited = try reader.readBool()
    }
}

/// `group.created` v1 (guide 5).
public struct GroupCreated: EventPayload {
    public static let wireName = "group.created"
    public static let schemaVersion: UInt32 = 1

    public var name: Name
    public var reseller: Name
    public var description: Description?
    public var domain: TenantID
    public var enterpriseNumber: PhoneNumber?
    public var homeLocations: [CountryCode]
    public var limitSIMAccess: Bool
    public var inheritConfiguration: Bool
    public var dataInherited: Bool

    public var tags: [String] { [Tag.group(name), Tag.reseller(reseller)] }
    public var summary: String {
        "group \(name) created under reseller \(reseller) (\(homeLocations.map(\.rawValue).joined(separator: ",")))"
    }
    public var fields: [(String, String)] {
        [
            ("name", name.rawValue), ("reseller", reseller.rawValue), ("description", description.text),
            ("domain", domain.rawValue), ("enterprise-number", enterpriseNumber.text),
            ("home-locations", homeLocations.map(\.rawValue).joined(separator: ",")),
            ("limit-sim-access", onOff(limitSIMAccess)), ("inherit-configuration", onOff(inheritConfiguration)),
            ("inherit-data", onOff(dataInherited)),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(name)
        writer.write(reseller)
        writer.write(description)
        writer.write(domain)
        writer.write(enterpriseNumber)
        writer.write(homeLocations)
        writer.writeBool(limitSIMAccess)
        writer.writeBool(inheritConfiguration)
        writer.writeBool(dataInherited)
    }
}

extension GroupCreated {
    public init(payload reader: inout ByteReader) throws {
        name = try reader.read(Name.self)
        reseller = try reader.read(Name.self)
        description = try reader.readOptional(Description.self)
        domain = try reader.read(TenantID.self)
        enterpriseNumber = try reader.readOptional(PhoneNumber.self)
        homeLocations = try reader.readList(CountryCode.self)
        limitSIMAccess = try reader.readBool()
        inheritConfiguration = try reader.readBool()
        dataInherited = try reader.readBool()
    }
}

/// `group.sim-access-changed` v1: "Limit SIM Access" turned on or off.
public struct GroupSIMAccessChanged: EventPayload {
    public static let wireName = "group.sim-access-changed"
    public static let schemaVersion: UInt32 = 1

    public var group: Name
    public var reseller: Name
    public var limitSIMAccessBefore: Bool
    public var limitSIMAccess: Bool

    public var tags: [String] { [Tag.group(group), Tag.reseller(reseller)] }
    public var summary: String {
        "limit SIM access of group \(group) \(onOff(limitSIMAccessBefore)) -> \(onOff(limitSIMAccess))"
    }
    public var fields: [(String, String)] {
        [
            ("group", group.rawValue), ("reseller", reseller.rawValue),
            ("limit-sim-access-before", onOff(limitSIMAccessBefore)), ("limit-sim-access", onOff(limitSIMAccess)),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(group)
        writer.write(reseller)
        writer.writeBool(limitSIMAccessBefore)
        writer.writeBool(limitSIMAccess)
    }
}

extension GroupSIMAccessChanged {
    public init(payload reader: inout ByteReader) throws {
        group = try reader.read(Name.self)
        reseller = try reader.read(Name.self)
        limitSIMAccessBefore = try reader.readBool()
        limitSIMAccess = try reader.readBool()
    }
}

/// A reseller's or group's choice of one kind of catalog item, before and after.
/// One payload shape under four wire names, one per kind, so that `log --type`
/// and the catalogue read naturally: `catalog.products-assigned`,
/// `catalog.bundles-assigned`, `catalog.roaming-policies-assigned`,
/// `catalog.network-profiles-assigned` (all v1). The kind is in the wire name,
/// not in the payload.
public struct CatalogAssigned: EventBody {
    public static let schemaVersion: UInt32 = 1
    public var schemaVersion: UInt32 { Self.schemaVersion }

    public static func wireName(for kind: CatalogKind) -> String { "catalog.\(kind.rawValue)-assigned" }

    public var kind: CatalogKind
    public var level: CatalogLevel
    /// The reseller the level belongs to (itself for a reseller), for the tags.
    public var reseller: Name
    public var before: CatalogSelection
    public var after: CatalogSelection

    public var wireName: String { Self.wireName(for: kind) }

    /// The level, its reseller, and each item that came in or went out.
    public var tags: [String] {
        var tags = [level.tag]
        if case .group = level { tags.append(Tag.reseller(reseller)) }
        let old = Set(before.explicitCodes ?? [])
        let new = Set(after.explicitCodes ?? [])
        tags += old.symmetricDifference(new).sorted().map { Tag.catalogItem(kind, $0) }
        return tags
    }
    public var summary: String { "\(kind.rawValue) of \(level.spoken): \(before.rendered) -> \(after.rendered)" }
    public var fields: [(String, String)] {
        [
            ("kind", kind.rawValue), ("level", level.spoken), ("reseller", reseller.rawValue),
            ("before", before.rendered), ("after", after.rendered),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(level)
        writer.write(reseller)
        writer.write(before)
        writer.write(after)
    }

    public init(kind: CatalogKind, level: CatalogLevel, reseller: Name, before: CatalogSelection, after: CatalogSelection) {
        self.kind = kind
        self.level = level
        self.reseller = reseller
        self.before = before
        self.after = after
    }

    public init(kind: CatalogKind, payload reader: inout ByteReader) throws {
        self.kind = kind
        level = try reader.readCatalogLevel()
        reseller = try reader.read(Name.self)
        before = try reader.readCatalogSelection()
        after = try reader.readCatalogSelection()
    }
}

/// `catalog.default-set` v1: a level's default bundle, network profile or roaming policy.
public struct CatalogDefaultSet: EventPayload {
    public static let wireName = "catalog.default-set"
    public static let schemaVersion: UInt32 = 1

    public var kind: DefaultKind
    public var level: CatalogLevel
    public var reseller: Name
    public var before: CatalogCode?
    public var after: CatalogCode

    public var tags: [String] {
        var tags = [level.tag]
        if case .group = level { tags.append(Tag.reseller(reseller)) }
        tags.append(Tag.catalogItem(kind.catalogKind, after))
        return tags
    }
    public var summary: String {
        "default \(kind.catalogKind.singular) of \(level.spoken): \(before?.rawValue ?? "none") -> \(after)"
    }
    public var fields: [(String, String)] {
        [
            ("kind", kind.rawValue), ("level", level.spoken), ("reseller", reseller.rawValue),
            ("before", before.text), ("after", after.rawValue),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(kind)
        writer.write(level)
        writer.write(reseller)
        writer.write(before)
        writer.write(after)
    }
}

extension CatalogDefaultSet {
    public init(payload reader: inout ByteReader) throws {
        kind = try reader.read(DefaultKind.self)
        level = try reader.readCatalogLevel()
        reseller = try reader.read(Name.self)
        before = try reader.readOptional(CatalogCode.self)
        after = try reader.read(CatalogCode.self)
    }
}

/// `catalog.default-cleared` v1: a default was cleared because its item left the
/// level (an explicit set without it, or a parent that stopped offering it to a
/// level that inherits). `decide` emits it beside the change that removed the item,
/// so the log says why a default disappeared and `evolve` stays a plain write.
public struct CatalogDefaultCleared: EventPayload {
    public static let wireName = "catalog.default-cleared"
    public static let schemaVersion: UInt32 = 1

    public var kind: DefaultKind
    public var level: CatalogLevel
    public var reseller: Name
    public var item: CatalogCode

    public var tags: [String] {
        var tags = [level.tag]
        if case .group = level { tags.append(Tag.reseller(reseller)) }
        tags.append(Tag.catalogItem(kind.catalogKind, item))
        return tags
    }
    public var summary: String {
        "default \(kind.catalogKind.singular) \(item) of \(level.spoken) cleared: the item is no longer available there"
    }
    public var fields: [(String, String)] {
        [("kind", kind.rawValue), ("level", level.spoken), ("reseller", reseller.rawValue), ("item", item.rawValue)]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(kind)
        writer.write(level)
        writer.write(reseller)
        writer.write(item)
    }
}

extension CatalogDefaultCleared {
    public init(payload reader: inout ByteReader) throws {
        kind = try reader.read(DefaultKind.self)
        level = try reader.readCatalogLevel()
        reseller = try reader.read(Name.self)
        item = try reader.read(CatalogCode.self)
    }
}
