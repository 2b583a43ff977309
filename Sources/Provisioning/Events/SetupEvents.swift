public import WireFormat

/// `store.initialized` v1: the store got its distributor (`init`).
public struct StoreInitialized: EventPayload {
    public static let wireName = "store.initialized"
    public static let schemaVersion: UInt32 = 1

    public var distributor: Name
    public var homeLocations: [CountryCode]
    public var country: CountryCode?
    public var address: PostalAddress?
    public var numberQuarantineDays: Int

    public var tags: [String] { [Tag.distributor(distributor)] }
    public var summary: String { "store initialized for distributor \(distributor)" }
    public var fields: [(String, String)] {
        [
            ("distributor", distributor.rawValue),
            ("home-locations", homeLocations.map(\.rawValue).joined(separator: ",")),
            ("country", country.text), ("address", address?.rendered ?? ""),
            ("number-quarantine-days", String(numberQuarantineDays)),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(distributor)
        writer.write(homeLocations)
        writer.write(country)
        writer.write(address)
        writer.writeVarint(numberQuarantineDays)
    }
}

extension StoreInitialized {
    public init(payload reader: inout ByteReader) throws {
        distributor = try reader.read(Name.self)
        homeLocations = try reader.readList(CountryCode.self)
        country = try reader.readOptional(CountryCode.self)
        address = try reader.readOptionalPostalAddress()
        numberQuarantineDays = Int(clamping: try reader.readVarint())
    }
}

/// `settings.changed` v1: the distributor's settings, before and after.
public struct SettingsChanged: EventPayload {
    public static let wireName = "settings.changed"
    public static let schemaVersion: UInt32 = 1

    public var distributor: Name
    public var numberQuarantineDaysBefore: Int
    public var numberQuarantineDays: Int
    public var smdpAddressBefore: FQDN?
    public var smdpAddress: FQDN?

    public var tags: [String] { [Tag.distributor(distributor)] }
    public var summary: String {
        var changes: [String] = []
        if numberQuarantineDays != numberQuarantineDaysBefore {
            changes.append("number quarantine \(numberQuarantineDaysBefore) -> \(numberQuarantineDays) days")
        }
        if smdpAddress != smdpAddressBefore {
            changes.append("SM-DP+ \(smdpAddressBefore?.rawValue ?? "none") -> \(smdpAddress?.rawValue ?? "none")")
        }
        return "settings changed: " + changes.joined(separator: ", ")
    }
    public var fields: [(String, String)] {
        [
            ("distributor", distributor.rawValue),
            ("number-quarantine-days-before", String(numberQuarantineDaysBefore)),
            ("number-quarantine-days", String(numberQuarantineDays)),
            ("smdp-address-before", smdpAddressBefore.text), ("smdp-address", smdpAddress.text),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(distributor)
        writer.writeVarint(numberQuarantineDaysBefore)
        writer.writeVarint(numberQuarantineDays)
        writer.write(smdpAddressBefore)
        writer.write(smdpAddress)
    }
}

extension SettingsChanged {
    public init(payload reader: inout ByteReader) throws {
        distributor = try reader.read(Name.self)
        numberQuarantineDaysBefore = Int(clamping: try reader.readVarint())
        numberQuarantineDays = Int(clamping: try reader.readVarint())
        smdpAddressBefore = try reader.readOptional(FQDN.self)
        smdpAddress = try reader.readOptional(FQDN.self)
    }
}

/// `user.added` v1: a Control Panel user with its role and scope.
public struct UserAdded: EventPayload {
    public static let wireName = "user.added"
    public static let schemaVersion: UInt32 = 1

    public var username: Username
    public var name: DisplayText
    public var email: Email
    public var role: Role
    public var reseller: Name?
    public var groups: [Name]

    public var tags: [String] {
        [Tag.user(username)] + (reseller.map { [Tag.reseller($0)] } ?? []) + groups.map(Tag.group)
    }
    public var summary: String {
        var scope = ""
        if let reseller { scope += " of reseller \(reseller)" }
        if !groups.isEmpty { scope += " for group " + groups.map(\.rawValue).joined(separator: ",") }
        return "user \(username) added as \(role.rawValue)\(scope)"
    }
    public var fields: [(String, String)] {
        [
            ("username", username.rawValue), ("name", name.rawValue), ("email", email.rawValue),
            ("role", role.rawValue), ("reseller", reseller.text),
            ("groups", groups.map(\.rawValue).joined(separator: ",")),
        ]
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(username)
        writer.write(name)
        writer.write(email)
        writer.write(role)
        writer.write(reseller)
        writer.write(groups)
    }
}

extension UserAdded {
    public init(payload reader: inout ByteReader) throws {
        username = try reader.read(Username.self)
        name = try reader.read(DisplayText.self)
        email = try reader.read(Email.self)
        role = try reader.read(Role.self)
        reseller = try reader.readOptional(Name.self)
        groups = try reader.readList(Name.self)
    }
}
