/// How far a change has got, reported from inside its write transaction so that a
/// caller can show progress on a long one (a book-in of a million SIMs). The Engine
/// only calls back; drawing (and whether to draw at all) is the caller's business.
public struct ChangeProgress: Sendable, Hashable {
    public enum Stage: String, Sendable {
        /// The events are being appended to the log (`done` is 0 until they all are).
        case recording
        /// The events are being applied to the read models.
        case applying
        /// A snapshot of the whole state is being written.
        case snapshot
    }

    public var stage: Stage
    public var done: UInt64
    public var total: UInt64
}
