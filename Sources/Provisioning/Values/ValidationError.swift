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

    /// The value is shown on one line (control characters escaped, `\n` `\t` `\u{0}`),
    /// and a value of more than 80 characters by its first 60 and its length, so that a
    /// huge or binary line of a file gives a readable one-line message.
    public var description: String {
        let shown = value.count > 80 ? "\(Self.escaped(value.prefix(60)))…' (\(value.count) characters)" : "\(Self.escaped(value[...]))'"
        return "\(field) '\(shown) is invalid: \(rule)"
    }

    static func escaped(_ text: Substring) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return String(text) }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The same error under another field name, for a caller that knows the field
    /// better (a `Name` that is a reseller name, a `CatalogCode` that is a bundle code).
    public func withField(_ field: String) -> ValidationError {
        ValidationError(field: field, value: value, rule: rule)
    }
}
