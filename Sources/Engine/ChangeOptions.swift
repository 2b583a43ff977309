/// What the caller says about a change besides the command itself.
public struct ChangeOptions: Sendable {
    /// The idempotency key; the Engine makes a fresh one when the caller gives none.
    public var commandID: String?
    public var correlationID: String?
    public var reason: String?

    public init(commandID: String? = nil, correlationID: String? = nil, reason: String? = nil) {
        self.commandID = commandID
        self.correlationID = correlationID
        self.reason = reason
    }
}
