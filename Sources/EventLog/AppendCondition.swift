/// A precondition checked inside the append's write transaction; when it fails the
/// append throws `EventLogError.conflict` and writes nothing (the DCB style: decide on
/// what you read, append only if nobody changed it since).
public struct AppendCondition: Hashable, Sendable {
    /// The head position the caller saw; nil: any.
    public var expectedHead: UInt64?
    /// Fail if an event carrying one of these tags was appended after `afterPosition`.
    public var tagsUnchangedSince: (tags: [String], afterPosition: UInt64)?

    public init(expectedHead: UInt64? = nil, tagsUnchangedSince: (tags: [String], afterPosition: UInt64)? = nil) {
        self.expectedHead = expectedHead
        self.tagsUnchangedSince = tagsUnchangedSince
    }

    public static let none = AppendCondition()

    public static func == (lhs: AppendCondition, rhs: AppendCondition) -> Bool {
        lhs.expectedHead == rhs.expectedHead
            && lhs.tagsUnchangedSince?.tags == rhs.tagsUnchangedSince?.tags
            && lhs.tagsUnchangedSince?.afterPosition == rhs.tagsUnchangedSince?.afterPosition
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(expectedHead)
        hasher.combine(tagsUnchangedSince?.tags)
        hasher.combine(tagsUnchangedSince?.afterPosition)
    }
}
