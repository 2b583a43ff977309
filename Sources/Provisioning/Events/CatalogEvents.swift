public import WireFormat

/// `pbx.added` v1 (guide 3). Every reseller and group has every PBX.
public struct PBXAdded: EventPayload {
    public static let wireName = "pbx.added"
    public static let schemaVersion: UInt32 = 1

    public var name: CatalogCode
    public var type: PBXType
    public var homeLocation: HomeLocation
    public var country: CountryCode
    public var domain: FQDN?
    public var emergencyCallback: Bool
    public var voicemailDeposit: DialString?
    public var voicemailRetrieval: DialString?

    public var tags: [String] { [Tag.pbx(name)] }
    public var summary: String { "PBX \(name) added (\(type.rawValue), \(homeLocation))" }
    public var fields: [(String, String)] {
        [
            ("name", name.rawValue), ("type", type.rawValue), ("home-location", homeLocation.rawValue),
            ("country", country.rawValue), ("domain", domain.text),
            ("emergency-callback", onOff(emergencyCallback)),
            ("voicemail-deposit", voicemailDeposit.text), ("voicemail-retrieval", voicemailRetrieval.text),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(name)
        writer.write(type)
        writer.write(homeLocation)
        writer.write(country)
        writer.write(domain)
        writer.writeBool(emergencyCallback)
        writer.write(voicemailDeposit)
        writer.write(voicemailRetrieval)
    }
}

extension PBXAdded {
    public init(payload reader: inout ByteReader) throws {
        name = try reader.read(CatalogCode.self)
        type = try reader.read(PBXType.self)
        homeLocation = try reader.read(HomeLocation.self)
        country = try reader.read(CountryCode.self)
        domain = try reader.readOptional(FQDN.self)
        emergencyCallback = try reader.readBool()
        voicemailDeposit = try reader.readOptional(DialString.self)
        voicemailRetrieval = try reader.readOptional(DialString.self)
    }
}

/// `product.defined` v1 (guide 6).
public struct ProductDefined: EventPayload {
    public static let wireName = "product.defined"
    public static let schemaVersion: UInt32 = 1

    public var code: CatalogCode
    public var name: DisplayText
    public var type: ProductType

    public var tags: [String] { [Tag.catalogItem(.products, code)] }
    public var summary: String { "product \(code) \"\(name)\" defined (\(type.rawValue))" }
    public var fields: [(String, String)] {
        [("code", code.rawValue), ("name", name.rawValue), ("type", type.rawValue)]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(code)
        writer.write(name)
        writer.write(type)
    }
}

extension ProductDefined {
    public init(payload reader: inout ByteReader) throws {
        code = try reader.read(CatalogCode.self)
        name = try reader.read(DisplayText.self)
        type = try reader.read(ProductType.self)
    }
}

/// `bundle.defined` v1 (guide 7).
public struct BundleDefined: EventPayload {
    public static let wireName = "bundle.defined"
    public static let schemaVersion: UInt32 = 1

    public var code: CatalogCode
    public var name: DisplayText
    public var description: Description?
    public var type: BundleType
    public var homeLocation: HomeLocation

    public var tags: [String] { [Tag.catalogItem(.bundles, code)] }
    public var summary: String { "bundle \(code) \"\(name)\" defined for \(homeLocation)" }
    public var fields: [(String, String)] {
        [
            ("code", code.rawValue), ("name", name.rawValue), ("description", description.text),
            ("type", type.rawValue), ("home-location", homeLocation.rawValue),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(code)
        writer.write(name)
        writer.write(description)
        writer.write(type)
        writer.write(homeLocation)
    }
}

extension BundleDefined {
    public init(payload reader: inout ByteReader) throws {
        code = try reader.read(CatalogCode.self)
        name = try reader.read(DisplayText.self)
        description = try reader.readOptional(Description.self)
        type = try reader.read(BundleType.self)
        homeLocation = try reader.read(HomeLocation.self)
    }
}

/// `roaming-policy.defined` v1 (guide 8).
public struct RoamingPolicyDefined: EventPayload {
    public static let wireName = "roaming-policy.defined"
    public static let schemaVersion: UInt32 = 1

    public var name: CatalogCode
    public var description: Description?
    public var type: RoamingPolicyType
    public var homeLocation: HomeLocation

    public var tags: [String] { [Tag.catalogItem(.roamingPolicies, name)] }
    public var summary: String { "roaming policy \(name) defined for \(homeLocation)" }
    public var fields: [(String, String)] {
        [
            ("name", name.rawValue), ("description", description.text), ("type", type.rawValue),
            ("home-location", homeLocation.rawValue),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(name)
        writer.write(description)
        writer.write(type)
        writer.write(homeLocation)
    }
}

extension RoamingPolicyDefined {
    public init(payload reader: inout ByteReader) throws {
        name = try reader.read(CatalogCode.self)
        description = try reader.readOptional(Description.self)
        type = try reader.read(RoamingPolicyType.self)
        homeLocation = try reader.read(HomeLocation.self)
    }
}

/// `network-profile.defined` v1 (guide 9).
public struct NetworkProfileDefined: EventPayload {
    public static let wireName = "network-profile.defined"
    public static let schemaVersion: UInt32 = 1

    public var name: CatalogCode
    public var spn: SPN

    public var tags: [String] { [Tag.catalogItem(.networkProfiles, name)] }
    public var summary: String { "network profile \(name) defined (SPN \(spn))" }
    public var fields: [(String, String)] { [("name", name.rawValue), ("spn", spn.rawValue)] }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(name)
        writer.write(spn)
    }
}

extension NetworkProfileDefined {
    public init(payload reader: inout ByteReader) throws {
        name = try reader.read(CatalogCode.self)
        spn = try reader.read(SPN.self)
    }
}
