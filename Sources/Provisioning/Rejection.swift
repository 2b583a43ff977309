/// Why `decide` refused a command. Nothing is recorded when a command is rejected.
///
/// The message is one sentence that names the offending item and says what would
/// make the command work; operators read it on standard error.
public struct Rejection: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// An input does not parse or breaks a format rule (an ICCID, a number, a script line).
        case malformed
        /// Something named does not exist (a reseller, a SIM, a subscriber).
        case notFound = "not-found"
        /// A rule of the domain refuses the change (a Bookin SIM cannot be allocated).
        case ruleViolation = "rule-violation"
        /// The acting user may not do this.
        case forbidden

        /// The exit code of the CLI contract (`docs/cli.md`).
        public var exitCode: Int32 {
            switch self {
            case .malformed: 65
            case .notFound: 66
            case .ruleViolation: 68
            case .forbidden: 77
            }
        }
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    static func malformed(_ message: String) -> Rejection { Rejection(.malformed, message) }
    static func notFound(_ message: String) -> Rejection { Rejection(.notFound, message) }
    static func rule(_ message: String) -> Rejection { Rejection(.ruleViolation, message) }
    static func forbidden(_ message: String) -> Rejection { Rejection(.forbidden, message) }

    /// A value that failed validation, as a malformed-input rejection.
    static func invalid(_ error: ValidationError) -> Rejection { Rejection(.malformed, "\(error).") }
}
