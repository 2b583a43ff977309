/// One line of a `provctl run` script, parsed: the command with validated values,
/// who runs it, and the optional idempotency key, correlation id and reason.
public struct ScriptLine: Hashable, Sendable {
    public var command: Command
    /// The `as` user; nil only for `init`.
    public var actor: Username?
    public var commandID: String?
    public var correlationID: String?
    public var reason: String?

    public init(
        command: Command, actor: Username?, commandID: String? = nil, correlationID: String? = nil,
        reason: String? = nil
    ) {
        self.command = command
        self.actor = actor
        self.commandID = commandID
        self.correlationID = correlationID
        self.reason = reason
    }
}
