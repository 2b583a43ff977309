import WireFormat

// How the building blocks of event payloads are written. Values are written as
// their normalised `rawValue` and read back with `init(unchecked:)`: the log is
// trusted (the hash chain guards it) and replay must not re-validate a million
// ICCIDs a second. Changing anything here changes the bytes on disk: it needs a new
// schema version of every event that uses it.

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

    mutating func write(_ value: (some WireEnum)?) {
        if let value {
            writeUInt8(1)
            write(value)
        } else {
            writeUInt8(0)
        }
    }

    mutating func write(_ time: Timestamp) {
        writeSignedVarint(time.millisecondsSince1970)
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

    mutating func write(_ level: CatalogLevel) {
        switch level {
        case .reseller(let name):
            writeUInt8(0)
            write(name)
        case .group(let name):
            writeUInt8(1)
            write(name)
        }
    }

    mutating func write(_ address: PostalAddress) {
        write(address.line1)
        write(address.line2)
        write(address.city)
        write(address.state)
    }

    mutating func write(_ address: PostalAddress?) {
        writeBool(address != nil)
        if let address { write(address) }
    }

    mutating func write(_ features: Features) {
        // One byte, a bit per feature.
        var bits: UInt8 = 0
        if features.voice { bits |= 1 }
        if features.data { bits |= 2 }
        if features.messaging { bits |= 4 }
        if features.hotspot { bits |= 8 }
        writeUInt8(bits)
    }

    mutating func write(_ activation: ActivationReference?) {
        writeBool(activation != nil)
        if let activation {
            writeString(activation.secretReference)
            writeString(activation.fingerprint)
            write(activation.smdpAddress)
        }
    }

    mutating func write(_ documents: [BrandingDocument]) {
        writeVarint(documents.count)
        for document in documents {
            write(document.kind)
            writeString(document.contentHash)
            writeVarint(document.size)
            writeString(document.mediaType)
        }
    }

    mutating func write(_ settings: PBXSettings?) {
        writeBool(settings != nil)
        if let settings {
            write(settings.pbx)
            write(settings.extensionNumber)
            write(settings.businessNumber)
            write(settings.sipUser)
            write(settings.username)
            writeOptionalString(settings.passwordReference)
        }
    }
}

extension ByteReader {
    mutating func read<V: ValidatedValue>(_: V.Type) throws -> V {
        V(unchecked: try readString())
    }

    mutating func readOptional<V: ValidatedValue>(_: V.Type) throws -> V? {
        try readOptionalString().map(V.init(unchecked:))
    }

    mutating func readList<V: ValidatedValue>(_: V.Type) throws -> [V] {
        try readStrings().map(V.init(unchecked:))
    }

    mutating func readOptionalEnum<E: WireEnum>(_: E.Type) throws -> E? {
        try readPresence() ? try read(E.self) : nil
    }

    mutating func readTimestamp() throws -> Timestamp {
        Timestamp(millisecondsSince1970: try readSignedVarint())
    }

    mutating func readCatalogSelection() throws -> CatalogSelection {
        let at = offset
        switch try readUInt8() {
        case 0: return .inherit
        case 1: return .explicit(try readList(CatalogCode.self))
        case let other: throw WireFormatError.invalidValue(offset: at, "catalog selection marker \(other)")
        }
    }

    mutating func readCatalogLevel() throws -> CatalogLevel {
        let at = offset
        switch try readUInt8() {
        case 0: return .reseller(try read(Name.self))
        case 1: return .group(try read(Name.self))
        case let other: throw WireFormatError.invalidValue(offset: at, "catalog level marker \(other)")
        }
    }

    mutating func readPostalAddress() throws -> PostalAddress {
        PostalAddress(
            line1: try read(DisplayText.self), line2: try readOptional(DisplayText.self),
            city: try readOptional(DisplayText.self), state: try readOptional(DisplayText.self))
    }

    mutating func readOptionalPostalAddress() throws -> PostalAddress? {
        try readBool() ? try readPostalAddress() : nil
    }

    mutating func readFeatures() throws -> Features {
        let at = offset
        let bits = try readUInt8()
        guard bits & 0xF0 == 0 else { throw WireFormatError.invalidValue(offset: at, "feature bits \(bits)") }
        return Features(voice: bits & 1 != 0, data: bits & 2 != 0, messaging: bits & 4 != 0, hotspot: bits & 8 != 0)
    }

    mutating func readActivationReference() throws -> ActivationReference? {
        guard try readBool() else { return nil }
        return ActivationReference(
            secretReference: try readString(), fingerprint: try readString(), smdpAddress: try read(FQDN.self))
    }

    mutating func readBrandingDocuments() throws -> [BrandingDocument] {
        let count = try readLength()
        var documents: [BrandingDocument] = []
        documents.reserveCapacity(count)
        for _ in 0..<count {
            documents.append(
                BrandingDocument(
                    kind: try read(BrandingDocumentKind.self), contentHash: try readString(), size: try readVarint(),
                    mediaType: try readString()))
        }
        return documents
    }

    mutating func readPBXSettings() throws -> PBXSettings? {
        guard try readBool() else { return nil }
        return PBXSettings(
            pbx: try read(CatalogCode.self), extensionNumber: try readOptional(Extension.self),
            businessNumber: try readOptional(PhoneNumber.self), sipUser: try readOptional(Username.self),
            username: try readOptional(Username.self), passwordReference: try readOptionalString())
    }
}
