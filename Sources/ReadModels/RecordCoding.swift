import Provisioning
import WireFormat

/// The binary encoding of read-model records in their LMDB tables.
///
/// Read models are derived data: a change of this encoding needs no migration, only a
/// `replay` (the format version in `rm.meta` says when one is due). Values are written
/// as their normalised strings and read back with `init(unchecked:)`: they were
/// validated before they entered the log.
enum RecordCoding {
    static let formatVersion: UInt64 = 1
}

extension ByteWriter {
    mutating func write(_ value: some ValidatedValue) {
        writeString(value.rawValue)
    }

    mutating func write(_ value: (some ValidatedValue)?) {
        writeOptionalString(value?.rawValue)
    }

    mutating func write(_ values: [some ValidatedValue]) {
        writeVarint(values.count)
        for value in values { writeString(value.rawValue) }
    }

    mutating func write<E: RawRepresentable>(enum value: E) where E.RawValue == String {
        writeString(value.rawValue)
    }

    mutating func write(_ timestamp: Timestamp) {
        writeSignedVarint(timestamp.millisecondsSince1970)
    }

    mutating func write(_ timestamp: Timestamp?) {
        writeBool(timestamp != nil)
        if let timestamp { write(timestamp) }
    }

    mutating func write(_ selection: CatalogSelection) {
        switch selection {
        case .inherit:
            writeUInt8(0)
        case .explicit(let codes):
            writeUInt8(1)
            write(codes)
        }
    }

    mutating func write(_ address: PostalAddress?) {
        writeBool(address != nil)
        guard let address else { return }
        write(address.line1)
        write(address.line2)
        write(address.city)
        write(address.state)
    }
}

extension ByteReader {
    mutating func read<T: ValidatedValue>(_: T.Type) throws -> T {
        T(unchecked: try readString())
    }

    mutating func readOptional<T: ValidatedValue>(_: T.Type) throws -> T? {
        try readOptionalString().map(T.init(unchecked:))
    }

    mutating func readArray<T: ValidatedValue>(_: T.Type) throws -> [T] {
        try readStrings().map(T.init(unchecked:))
    }

    mutating func read<E: RawRepresentable>(enum _: E.Type) throws -> E where E.RawValue == String {
        let at = offset
        let raw = try readString()
        guard let value = E(rawValue: raw) else {
            throw WireFormatError.invalidValue(offset: at, "\(E.self) '\(raw)'")
        }
        return value
    }

    mutating func readTimestamp() throws -> Timestamp {
        Timestamp(millisecondsSince1970: try readSignedVarint())
    }

    mutating func readOptionalTimestamp() throws -> Timestamp? {
        try readBool() ? try readTimestamp() : nil
    }

    mutating func readSelection() throws -> CatalogSelection {
        let at = offset
        switch try readUInt8() {
        case 0: return .inherit
        case 1: return .explicit(try readArray(CatalogCode.self))
        case let other: throw WireFormatError.invalidValue(offset: at, "catalog selection \(other)")
        }
    }

    mutating func readOptionalAddress() throws -> PostalAddress? {
        guard try readBool() else { return nil }
        return PostalAddress(
            line1: try read(DisplayText.self), line2: try readOptional(DisplayText.self),
            city: try readOptional(DisplayText.self), state: try readOptional(DisplayText.self))
    }
}

// MARK: - One codec per record

/// A record kept in a read-model table.
protocol StoredRecord {
    func encode(into writer: inout ByteWriter)
    init(from reader: inout ByteReader) throws
}

extension StoredRecord {
    var encoded: [UInt8] {
        var writer = ByteWriter(capacity: 128)
        encode(into: &writer)
        return writer.bytes
    }

    init(decoding bytes: UnsafeRawBufferPointer) throws {
        self = try ByteReader.read(unsafeBuffer: bytes) { reader in try Self(from: &reader) }
    }
}

extension DistributorRecord: StoredRecord {
    func encode(into writer: inout ByteWriter) {
        writer.write(name)
        writer.write(homeLocations)
        writer.write(country)
        writer.write(address)
        writer.writeVarint(UInt64(numberQuarantineDays))
        writer.write(smdpAddress)
    }

    init(from reader: inout ByteReader) throws {
        self.init(
            name: try reader.read(Name.self), homeLocations: try reader.readArray(CountryCode.self),
            country: try reader.readOptional(CountryCode.self), address: try reader.readOptionalAddress(),
            numberQuarantineDays: Int(clamping: try reader.readVarint()),
            smdpAddress: try reader.readOptional(FQDN.self))
    }
}

extension UserRecord: StoredRecord {
    func encode(into writer: inout ByteWriter) {
        writer.write(username)
        writer.write(name)
        writer.write(email)
        writer.write(enum: role)
        writer.write(reseller)
        writer.write(groups)
    }

    init(from reader: inout ByteReader) throws {
        self.init(
            username: try reader.read(Username.self), name: try reader.read(DisplayText.self),
            email: try reader.read(Email.self), role: try reader.read(enum: Role.self),
            reseller: try reader.readOptional(Name.self), groups: try reader.readArray(Name.self))
    }
}

extension PBXRecord: StoredRecord {
    func encode(into writer: inout ByteWriter) {
        writer.write(name)
        writer.write(enum: type)
        writer.writeString(homeLocation.rawValue)
        writer.write(country)
        writer.write(domain)
        writer.writeBool(emergencyCallback)
        writer.write(voicemailDeposit)
        writer.write(voicemailRetrieval)
    }

    init(from reader: inout ByteReader) throws {
        self.init(
            name: try reader.read(CatalogCode.self), type: try reader.read(enum: PBXType.self),
            homeLocation: HomeLocation(unchecked: try reader.readString()), country: try reader.read(CountryCode.self),
            domain: try reader.readOptional(FQDN.self), emergencyCallback: try reader.readBool(),
            voicemailDeposit: try reader.readOptional(DialString.self),
            voicemailRetrieval: try reader.readOptional(DialString.self))
    }
}

extension ProductRecord: StoredRecord {
    func encode(into writer: inout ByteWriter) {
        writer.write(code)
        writer.write(name)
        writer.write(enum: type)
    }

    init(from reader: inout ByteReader) throws {
        self.init(
            code: try reader.read(CatalogCode.self), name: try reader.read(DisplayText.self),
            type: try reader.read(enum: ProductType.self))
    }
}

extension BundleRecord: StoredRecord {
    func encode(into writer: inout ByteWriter) {
        writer.write(code)
        writer.write(name)
        writer.write(description)
        writer.write(enum: type)
        writer.writeString(homeLocation.rawValue)
    }

    init(from reader: inout ByteReader) throws {
        self.init(
            code: try reader.read(CatalogCode.self), name: try reader.read(DisplayText.self),
            description: try reader.readOptional(Description.self), type: try reader.read(enum: BundleType.self),
            homeLocation: HomeLocation(unchecked: try reader.readString()))
    }
}

extension RoamingPolicyRecord: StoredRecord {
    func encode(into writer: inout ByteWriter) {
        writer.write(name)
        writer.write(description)
        writer.write(enum: type)
        writer.writeString(homeLocation.rawValue)
    }

    init(from reader: inout ByteReader) throws {
        self.init(
            name: try reader.read(CatalogCode.self), description: try reader.readOptional(Description.self),
            type: try reader.read(enum: RoamingPolicyType.self),
            homeLocation: HomeLocation(unchecked: try reader.readString()))
    }
}

extension NetworkProfileRecord: StoredRecord {
    func encode(into writer: inout ByteWriter) {
        writer.write(name)
        writer.write(spn)
    }

    init(from reader: inout ByteReader) throws {
        self.init(name: try reader.read(CatalogCode.self), spn: try reader.read(SPN.self))
    }
}

extension CatalogChoices {
    func encode(into writer: inout ByteWriter) {
        writer.write(products)
        writer.write(bundles)
        writer.write(roamingPolicies)
        writer.write(networkProfiles)
        writer.write(defaultBundle)
        writer.write(defaultNetworkProfile)
        writer.write(defaultRoamingPolicy)
    }

    init(from reader: inout ByteReader) throws {
        self.init(inheritConfiguration: true)
        products = try reader.readSelection()
        bundles = try reader.readSelection()
        roamingPolicies = try reader.readSelection()
        networkProfiles = try reader.readArray(CatalogCode.self)
        defaultBundle = try reader.readOptional(CatalogCode.self)
        defaultNetworkProfile = try reader.readOptional(CatalogCode.self)
        defaultRoamingPolicy = try reader.readOptional(CatalogCode.self)
    }
}

extension ResellerRecord: StoredRecord {
    func encode(into writer: inout ByteWriter) {
        writer.write(name)
        writer.write(description)
        writer.write(homeLocations)
        writer.write(country)
        writer.write(Optional(address))
        catalog.encode(into: &writer)
        writer.write(branding.productName)
        writer.write(branding.supportEmail)
        writer.writeVarint(branding.documents.count)
        for document in branding.documents {
            writer.write(enum: document.kind)
            writer.writeString(document.contentHash)
            writer.writeVarint(document.size)
            writer.writeString(document.mediaType)
        }
    }

    init(from reader: inout ByteReader) throws {
        let name = try reader.read(Name.self)
        let description = try reader.readOptional(Description.self)
        let homeLocations = try reader.readArray(CountryCode.self)
        let country = try reader.read(CountryCode.self)
        guard let address = try reader.readOptionalAddress() else {
            throw WireFormatError.invalidValue(offset: reader.offset, "reseller without an address")
        }
        let catalog = try CatalogChoices(from: &reader)
        var branding = Branding(
            productName: try reader.readOptional(DisplayText.self), supportEmail: try reader.readOptional(Email.self))
        let count = try reader.readLength()
        for _ in 0..<count {
            branding.documents.append(
                BrandingDocument(
                    kind: try reader.read(enum: BrandingDocumentKind.self), contentHash: try reader.readString(),
                    size: try reader.readVarint(), mediaType: try reader.readString()))
        }
        self.init(
            name: name, description: description, homeLocations: homeLocations, country: country, address: address,
            catalog: catalog, branding: branding)
    }
}

extension GroupRecord: StoredRecord {
    func encode(into writer: inout ByteWriter) {
        writer.write(name)
        writer.write(reseller)
        writer.write(description)
        writer.write(domain)
        writer.write(enterpriseNumber)
        writer.write(homeLocations)
        writer.writeBool(limitSIMAccess)
        catalog.encode(into: &writer)
    }

    init(from reader: inout ByteReader) throws {
        self.init(
            name: try reader.read(Name.self), reseller: try reader.read(Name.self),
            description: try reader.readOptional(Description.self), domain: try reader.read(TenantID.self),
            enterpriseNumber: try reader.readOptional(PhoneNumber.self),
            homeLocations: try reader.readArray(CountryCode.self), limitSIMAccess: try reader.readBool(),
            catalog: try CatalogChoices(from: &reader))
    }
}

extension SIMRecord: StoredRecord {
    func encode(into writer: inout ByteWriter) {
        writer.write(iccid)
        writer.write(simType)
        writer.write(enum: form)
        writer.write(imsi)
        writer.writeBool(activation != nil)
        if let activation {
            writer.writeString(activation.secretReference)
            writer.writeString(activation.fingerprint)
            writer.write(activation.smdpAddress)
        }
        writer.write(enum: status)
        writer.write(reseller)
        writer.write(group)
        writer.write(subscriber)
        writer.writeOptionalString(retirementReason?.rawValue)
    }

    init(from reader: inout ByteReader) throws {
        let iccid = try reader.read(ICCID.self)
        let simType = try reader.read(SIMTypeCode.self)
        let form = try reader.read(enum: SIMForm.self)
        let imsi = try reader.readOptional(IMSI.self)
        var activation: ActivationReference?
        if try reader.readBool() {
            activation = ActivationReference(
                secretReference: try reader.readString(), fingerprint: try reader.readString(),
                smdpAddress: try reader.read(FQDN.self))
        }
        let status = try reader.read(enum: SIMStatus.self)
        let reseller = try reader.readOptional(Name.self)
        let group = try reader.readOptional(Name.self)
        let subscriber = try reader.readOptional(SubUID.self)
        let reason = try reader.readOptionalString().flatMap(SIMRetirementReason.init(rawValue:))
        self.init(
            iccid: iccid, simType: simType, form: form, imsi: imsi, activation: activation, status: status,
            reseller: reseller, group: group, subscriber: subscriber, retirementReason: reason)
    }
}

extension NumberRecord: StoredRecord {
    func encode(into writer: inout ByteWriter) {
        writer.write(number)
        writer.write(reseller)
        writer.write(enum: storedStatus)
        writer.write(subscriber)
        writer.write(quarantinedUntil)
    }

    init(from reader: inout ByteReader) throws {
        self.init(
            number: try reader.read(PhoneNumber.self), reseller: try reader.read(Name.self),
            storedStatus: try reader.read(enum: NumberStatus.self), subscriber: try reader.readOptional(SubUID.self),
            quarantinedUntil: try reader.readOptionalTimestamp())
    }
}

extension SubscriberRecord: StoredRecord {
    func encode(into writer: inout ByteWriter) {
        writer.write(subUID)
        writer.write(name)
        writer.write(group)
        writer.write(reseller)
        writer.write(enum: status)
        writer.write(homeLocation)
        writer.write(firstName)
        writer.write(lastName)
        writer.write(email)
        writer.write(description)
        writer.write(bundle)
        writer.write(billingID)
        writer.write(enum: simForm)
        writer.write(simType)
        writer.write(iccid)
        writer.write(networkProfile)
        writer.write(number)
        writer.write(roamingPolicy)
        writer.writeBool(pbx != nil)
        if let pbx {
            writer.write(pbx.pbx)
            writer.write(pbx.extensionNumber)
            writer.write(pbx.businessNumber)
            writer.write(pbx.sipUser)
            writer.write(pbx.username)
            writer.writeOptionalString(pbx.passwordReference)
        }
        writer.writeBool(features.voice)
        writer.writeBool(features.data)
        writer.writeBool(features.messaging)
        writer.writeBool(features.hotspot)
        writer.write(provisionedAt)
        writer.writeBool(termination != nil)
        if let termination {
            writer.write(enum: termination.reason)
            writer.write(termination.note)
            writer.write(termination.at)
        }
    }

    init(from reader: inout ByteReader) throws {
        let subUID = try reader.read(SubUID.self)
        let name = try reader.read(Name.self)
        let group = try reader.read(Name.self)
        let reseller = try reader.read(Name.self)
        let status = try reader.read(enum: SubscriberStatus.self)
        let homeLocation = try reader.read(CountryCode.self)
        let firstName = try reader.read(DisplayText.self)
        let lastName = try reader.read(DisplayText.self)
        let email = try reader.read(Email.self)
        let description = try reader.readOptional(Description.self)
        let bundle = try reader.read(CatalogCode.self)
        let billingID = try reader.readOptional(Name.self)
        let simForm = try reader.read(enum: SIMForm.self)
        let simType = try reader.read(SIMTypeCode.self)
        let iccid = try reader.read(ICCID.self)
        let networkProfile = try reader.readOptional(CatalogCode.self)
        let number = try reader.read(PhoneNumber.self)
        let roamingPolicy = try reader.read(CatalogCode.self)
        var pbx: PBXSettings?
        if try reader.readBool() {
            pbx = PBXSettings(
                pbx: try reader.read(CatalogCode.self), extensionNumber: try reader.readOptional(Extension.self),
                businessNumber: try reader.readOptional(PhoneNumber.self), sipUser: try reader.readOptional(Username.self),
                username: try reader.readOptional(Username.self), passwordReference: try reader.readOptionalString())
        }
        let features = Features(
            voice: try reader.readBool(), data: try reader.readBool(), messaging: try reader.readBool(),
            hotspot: try reader.readBool())
        let provisionedAt = try reader.readTimestamp()
        var termination: Termination?
        if try reader.readBool() {
            termination = Termination(
                reason: try reader.read(enum: TerminationReason.self), note: try reader.readOptional(DisplayText.self),
                at: try reader.readTimestamp())
        }
        self.init(
            subUID: subUID, name: name, group: group, reseller: reseller, status: status, homeLocation: homeLocation,
            firstName: firstName, lastName: lastName, email: email, description: description, bundle: bundle,
            billingID: billingID, simForm: simForm, simType: simType, iccid: iccid, networkProfile: networkProfile,
            number: number, roamingPolicy: roamingPolicy, pbx: pbx, features: features, provisionedAt: provisionedAt,
            termination: termination)
    }
}
