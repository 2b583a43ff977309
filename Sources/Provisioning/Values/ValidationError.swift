/// Every invalid input to a value type: names the field, the value as given, and the
/// rule it broke.
///
/// `description` reads as one sentence an operator can act on, for example
/// `ICCID '12345' is invalid: must start with 89 (the telecommunications industry identifier)`.
public struct ValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field, as an operator would call it: `ICCID`, `phone number`, `first name`.
    public let field: String
    /// The input as given, before any normalisation. For a credential (an eSIM
    /// activation code) the secret part is redacted.
    public let value: String
    /// The rule the input broke, such as `must start with 89`.
    public let rule: String

    public init(field: String, value: String, rule: String) {
        self.field = field
        self.value = value
        self.rule = rule
    }

    public var description: String {
        "\(field) '\(value)' is invalid: \(rule)"
    }

    /// The same error under another field name, for a caller that knows the field
    /// better (a `Name` that is a reseller name, a `CatalogCode` that is a bundle code).
    public func withField(_ field: String) -> ValidationError {
        ValidationError(field: field, value: value, rule: rule)
    }
}
