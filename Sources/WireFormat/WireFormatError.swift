/// Bytes that do not decode. Carries the offset so a corrupt record can be located.
public enum WireFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    case truncated(offset: Int)
    case trailingBytes(offset: Int, count: Int)
    case invalidValue(offset: Int, String)
    case unknownVersion(UInt64)

    public var description: String {
        switch self {
        case .truncated(let offset): "truncated at byte \(offset)"
        case .trailingBytes(let offset, let count): "\(count) unexpected bytes after byte \(offset)"
        case .invalidValue(let offset, let what): "invalid value at byte \(offset): \(what)"
        case .unknownVersion(let version): "unknown encoding version \(version)"
        }
    }
}
