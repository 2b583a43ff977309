import WireFormat

/// An enumeration stored in event payloads as one byte: its index in `wireOrder`.
///
/// `wireOrder` is part of the storage format: cases are only ever appended to it,
/// never reordered or removed, whatever happens to the Swift declaration.
public protocol WireEnum: Hashable, Sendable {
    static var wireOrder: [Self] { get }
}

extension WireEnum {
    var wireCode: UInt8 {
        UInt8(Self.wireOrder.firstIndex(of: self)!)
    }
}

extension ByteWriter {
    mutating func write(_ value: some WireEnum) {
        writeUInt8(value.wireCode)
    }
}

extension ByteReader {
    mutating func read<E: WireEnum>(_: E.Type) throws -> E {
        let at = offset
        let code = try readUInt8()
        guard Int(code) < E.wireOrder.count else {
            throw WireFormatError.invalidValue(offset: at, "\(E.self) code \(code)")
        }
        return E.wireOrder[Int(code)]
    }
}
