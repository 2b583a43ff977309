/// Errors of the log itself. Storage failures stay `LMDBError`s.
public enum EventLogError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An append condition failed: someone else changed what the caller decided on.
    case conflict(String)
    /// A tag that cannot be indexed (empty, contains NUL, or longer than 400 bytes).
    case invalidTag(String)
    /// A stored record that does not decode.
    case corruptRecord(position: UInt64, String)
    /// The store was written by a newer or unknown format.
    case unsupportedFormat(String)

    public var description: String {
        switch self {
        case .conflict(let what): "conflict: \(what); retrying is safe"
        case .invalidTag(let tag): "tag '\(tag)' cannot be indexed: it must be 1 to 400 bytes with no NUL"
        case .corruptRecord(let position, let what): "record at position \(position) is corrupt: \(what)"
        case .unsupportedFormat(let what): "unsupported store format: \(what)"
        }
    }
}
