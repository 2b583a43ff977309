public import WireFormat

/// `subscriber.provisioned` v1: the whole wizard of guide 12.2. Recorded with
/// `sim.activated` and `number.assigned` in the same change.
public struct SubscriberProvisioned: EventPayload {
    public static let wireName = "subscriber.provisioned"
    public static let schemaVersion: UInt32 = 1

    public var subUID: SubUID
    public var name: Name
    public var group: Name
    public var reseller: Name
    public var homeLocation: CountryCode
    public var firstName: DisplayText
    public var lastName: DisplayText
    public var email: Email
    public var description: Description?
    public var bundle: CatalogCode
    public var billingID: Name?
    public var simForm: SIMForm
    public var simType: SIMTypeCode
    public var iccid: ICCID
    public var networkProfile: CatalogCode?
    public var number: PhoneNumber
    public var roamingPolicy: CatalogCode
    /// The PBX line; its password only as a secret store reference.
    public var pbx: PBXSettings?
    public var features: Features
    /// The `now` of the decision (the record's time is the Engine's, which may be later).
    public var provisionedAt: Timestamp

    public var tags: [String] {
        [
            Tag.subscriber(subUID), Tag.group(group), Tag.reseller(reseller), Tag.sim(iccid), Tag.number(number),
        ] + (pbx.map { [Tag.pbx($0.pbx)] } ?? [])
    }
    public var summary: String {
        "subscriber \(subUID) \(name) provisioned in \(group) with number \(number) and SIM \(iccid)"
    }
    public var fields: [(String, String)] {
        [
            ("subuid", subUID.rawValue), ("name", name.rawValue), ("group", group.rawValue),
            ("reseller", reseller.rawValue), ("home-location", homeLocation.rawValue),
            ("first-name", firstName.rawValue), ("last-name", lastName.rawValue), ("email", email.rawValue),
            ("description", description.text), ("bundle", bundle.rawValue), ("billing-id", billingID.text),
            ("form", simForm.rawValue), ("sim-type", simType.rawValue), ("sim", iccid.rawValue),
            ("network-profile", networkProfile.text), ("number", number.rawValue),
            ("roaming-policy", roamingPolicy.rawValue), ("pbx", pbx?.pbx.rawValue ?? ""),
            ("extension", pbx?.extensionNumber.text ?? ""), ("business-number", pbx?.businessNumber.text ?? ""),
            ("sip-user", pbx?.sipUser.text ?? ""), ("pbx-username", pbx?.username.text ?? ""),
            ("pbx-password", pbx?.passwordReference ?? ""),
            ("voice", onOff(features.voice)), ("data", onOff(features.data)),
            ("messaging", onOff(features.messaging)), ("hotspot", onOff(features.hotspot)),
            ("provisioned-at", provisionedAt.iso8601),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(subUID)
        writer.write(name)
        writer.write(group)
        writer.write(reseller)
        writer.write(homeLocation)
        writer.write(firstName)
        writer.write(lastName)
        writer.write(email)
        writer.write(description)
        writer.write(bundle)
        writer.write(billingID)
        writer.write(simForm)
        writer.write(simType)
        writer.write(iccid)
        writer.write(networkProfile)
        writer.write(number)
        writer.write(roamingPolicy)
        writer.write(pbx)
        writer.write(features)
        writer.write(provisionedAt)
    }
}

extension SubscriberProvisioned {
    public init(payload reader: inout ByteReader) throws {
        subUID = try reader.read(SubUID.self)
        name = try reader.read(Name.self)
        group = try reader.read(Name.self)
        reseller = try reader.read(Name.self)
        homeLocation = try reader.read(CountryCode.self)
        firstName = try reader.read(DisplayText.self)
        lastName = try reader.read(DisplayText.self)
        email = try reader.read(Email.self)
        description = try reader.readOptional(Description.self)
        bundle = try reader.read(CatalogCode.self)
        billingID = try reader.readOptional(Name.self)
        simForm = try reader.read(SIMForm.self)
        simType = try reader.read(SIMTypeCode.self)
        iccid = try reader.read(ICCID.self)
        networkProfile = try reader.readOptional(CatalogCode.self)
        number = try reader.read(PhoneNumber.self)
        roamingPolicy = try reader.read(CatalogCode.self)
        pbx = try reader.readPBXSettings()
        features = try reader.readFeatures()
        provisionedAt = try reader.readTimestamp()
    }
}

/// `subscriber.features-changed` v1: voice, data, messaging, hotspot, before and after.
public struct SubscriberFeaturesChanged: EventPayload {
    public static let wireName = "subscriber.features-changed"
    public static let schemaVersion: UInt32 = 1

    public var subUID: SubUID
    public var group: Name
    public var reseller: Name
    public var before: Features
    public var after: Features

    public var tags: [String] { [Tag.subscriber(subUID), Tag.group(group), Tag.reseller(reseller)] }
    public var summary: String { "features of \(subUID): \(after.rendered) (was \(before.rendered))" }
    public var fields: [(String, String)] {
        [
            ("subuid", subUID.rawValue), ("group", group.rawValue), ("reseller", reseller.rawValue),
            ("before", before.rendered), ("after", after.rendered),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(subUID)
        writer.write(group)
        writer.write(reseller)
        writer.write(before)
        writer.write(after)
    }
}

extension SubscriberFeaturesChanged {
    public init(payload reader: inout ByteReader) throws {
        subUID = try reader.read(SubUID.self)
        group = try reader.read(Name.self)
        reseller = try reader.read(Name.self)
        before = try reader.readFeatures()
        after = try reader.readFeatures()
    }
}

/// `subscriber.bundle-changed` v1.
public struct SubscriberBundleChanged: EventPayload {
    public static let wireName = "subscriber.bundle-changed"
    public static let schemaVersion: UInt32 = 1

    public var subUID: SubUID
    public var group: Name
    public var reseller: Name
    public var before: CatalogCode
    public var after: CatalogCode

    public var tags: [String] {
        [
            Tag.subscriber(subUID), Tag.group(group), Tag.reseller(reseller), Tag.catalogItem(.bundles, before),
            Tag.catalogItem(.bundles, after),
        ]
    }
    public var summary: String { "bundle of \(subUID): \(before) -> \(after)" }
    public var fields: [(String, String)] {
        [
            ("subuid", subUID.rawValue), ("group", group.rawValue), ("reseller", reseller.rawValue),
            ("before", before.rawValue), ("after", after.rawValue),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(subUID)
        writer.write(group)
        writer.write(reseller)
        writer.write(before)
        writer.write(after)
    }
}

extension SubscriberBundleChanged {
    public init(payload reader: inout ByteReader) throws {
        subUID = try reader.read(SubUID.self)
        group = try reader.read(Name.self)
        reseller = try reader.read(Name.self)
        before = try reader.read(CatalogCode.self)
        after = try reader.read(CatalogCode.self)
    }
}

/// `subscriber.roaming-policy-changed` v1.
public struct SubscriberRoamingPolicyChanged: EventPayload {
    public static let wireName = "subscriber.roaming-policy-changed"
    public static let schemaVersion: UInt32 = 1

    public var subUID: SubUID
    public var group: Name
    public var reseller: Name
    public var before: CatalogCode
    public var after: CatalogCode

    public var tags: [String] {
        [
            Tag.subscriber(subUID), Tag.group(group), Tag.reseller(reseller),
            Tag.catalogItem(.roamingPolicies, before), Tag.catalogItem(.roamingPolicies, after),
        ]
    }
    public var summary: String { "roaming policy of \(subUID): \(before) -> \(after)" }
    public var fields: [(String, String)] {
        [
            ("subuid", subUID.rawValue), ("group", group.rawValue), ("reseller", reseller.rawValue),
            ("before", before.rawValue), ("after", after.rawValue),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(subUID)
        writer.write(group)
        writer.write(reseller)
        writer.write(before)
        writer.write(after)
    }
}

extension SubscriberRoamingPolicyChanged {
    public init(payload reader: inout ByteReader) throws {
        subUID = try reader.read(SubUID.self)
        group = try reader.read(Name.self)
        reseller = try reader.read(Name.self)
        before = try reader.read(CatalogCode.self)
        after = try reader.read(CatalogCode.self)
    }
}

/// `subscriber.terminated` v1 (guide 13.2). Recorded with `sim.retired` and
/// `number.quarantined` in the same change; the subscriber is frozen from then on.
public struct SubscriberTerminated: EventPayload {
    public static let wireName = "subscriber.terminated"
    public static let schemaVersion: UInt32 = 1

    public var subUID: SubUID
    public var name: Name
    public var group: Name
    public var reseller: Name
    public var reason: TerminationReason
    public var note: DisplayText?
    public var iccid: ICCID
    public var number: PhoneNumber
    public var terminatedAt: Timestamp

    public var tags: [String] {
        [Tag.subscriber(subUID), Tag.group(group), Tag.reseller(reseller), Tag.sim(iccid), Tag.number(number)]
    }
    public var summary: String {
        "subscriber \(subUID) \(name) terminated: \(reason.rawValue)" + (note.map { " (\($0))" } ?? "")
    }
    public var fields: [(String, String)] {
        [
            ("subuid", subUID.rawValue), ("name", name.rawValue), ("group", group.rawValue),
            ("reseller", reseller.rawValue), ("reason", reason.rawValue), ("note", note.text),
            ("sim", iccid.rawValue), ("number", number.rawValue), ("terminated-at", terminatedAt.iso8601),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(subUID)
        writer.write(name)
        writer.write(group)
        writer.write(reseller)
        writer.write(reason)
        writer.write(note)
        writer.write(iccid)
        writer.write(number)
        writer.write(terminatedAt)
    }
}

extension SubscriberTerminated {
    public init(payload reader: inout ByteReader) throws {
        subUID = try reader.read(SubUID.self)
        name = try reader.read(Name.self)
        group = try reader.read(Name.self)
        reseller = try reader.read(Name.self)
        reason = try reader.read(TerminationReason.self)
        note = try reader.readOptional(DisplayText.self)
        iccid = try reader.read(ICCID.self)
        number = try reader.read(PhoneNumber.self)
        terminatedAt = try reader.readTimestamp()
    }
}
