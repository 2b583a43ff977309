import Testing
import WireFormat

@Suite struct ByteCodingTests {
    @Test func roundTripsEveryKindOfValue() throws {
        var writer = ByteWriter()
        writer.writeVarint(UInt64(0))
        writer.writeVarint(UInt64.max)
        writer.writeSignedVarint(-42)
        writer.writeBool(true)
        writer.writeUInt64BigEndian(0x0102_0304_0506_0708)
        writer.writeString("Adele Vance")
        writer.writeString("Zoë")
        writer.writeOptionalString(nil)
        writer.writeOptionalString("x")
        writer.writeBytes([1, 2, 3])
        writer.writeStrings(["a", "bc"])
        let decoded = try ByteReader.read(writer.bytes) { reader in
            (
                try reader.readVarint(), try reader.readVarint(), try reader.readSignedVarint(),
                try reader.readBool(), try reader.readUInt64BigEndian(), try reader.readString(),
                try reader.readString(), try reader.readOptionalString(), try reader.readOptionalString(),
                try reader.readBytes(), try reader.readStrings()
            )
        }
        #expect(decoded.0 == 0)
        #expect(decoded.1 == UInt64.max)
        #expect(decoded.2 == -42)
        #expect(decoded.3)
        #expect(decoded.4 == 0x0102_0304_0506_0708)
        #expect(decoded.5 == "Adele Vance")
        #expect(decoded.6 == "Zoë")
        #expect(decoded.7 == nil)
        #expect(decoded.8 == "x")
        #expect(decoded.9 == [1, 2, 3])
        #expect(decoded.10 == ["a", "bc"])
    }

    /// A value written in place behind a reserved length is the same bytes as one
    /// written whole, on both sides of the one-byte length (127, 128) and further.
    @Test(arguments: [0, 1, 127, 128, 300, 16_383, 16_384])
    func aLengthPrefixedValueIsTheSameBytesAsWrittenWhole(size: Int) throws {
        let value = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var whole = ByteWriter()
        whole.writeString("before")
        whole.writeBytes(value)
        whole.writeVarint(UInt64(9))
        var inPlace = ByteWriter()
        inPlace.writeString("before")
        inPlace.writeLengthPrefixed { $0.writeRaw(value) }
        inPlace.writeVarint(UInt64(9))
        #expect(inPlace.bytes == whole.bytes)
        #expect(inPlace.count == whole.count)
    }

    @Test func everyTruncationThrowsInsteadOfTrapping() throws {
        var writer = ByteWriter()
        writer.writeString("894453000000085788")
        writer.writeVarint(UInt64(300))
        writer.writeUInt64BigEndian(7)
        let full = writer.bytes
        for cut in 0..<full.count {
            #expect(throws: WireFormatError.self) {
                try ByteReader.read(Array(full[0..<cut])) { reader in
                    _ = try reader.readString()
                    _ = try reader.readVarint()
                    _ = try reader.readUInt64BigEndian()
                }
            }
        }
    }

    @Test func refusesInvalidUTF8AndTrailingBytes() {
        #expect(throws: WireFormatError.self) {
            try ByteReader.read([2, 0xC3, 0x28]) { try $0.readString() }
        }
        #expect(throws: WireFormatError.trailingBytes(offset: 1, count: 1)) {
            try ByteReader.read([1, 9]) { try $0.readBool() }
        }
    }

    @Test func refusesALengthLongerThanTheInput() {
        var writer = ByteWriter()
        writer.writeVarint(UInt64(1) << 40)
        #expect(throws: WireFormatError.self) {
            try ByteReader.read(writer.bytes) { try $0.readBytes() }
        }
    }
}
