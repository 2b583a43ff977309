/// Free text shown to people: a first or last name, a product name, an address line, a
/// city, a state, a billing identifier.
///
/// Trimmed of surrounding whitespace; 1 to 200 characters (user-perceived characters);
/// no control characters. The error names the field the caller gives.
public struct DisplayText: ValidatedValue {
    public let rawValue: String

    /// Validates `input` as free text; an error names the field `text`.
    public init(_ input: String) throws {
        try self.init(input, field: "text")
    }

    /// Validates `input` as free text; an error names `field` (such as `first name`).
    public init(_ input: String, field: String) throws {
        func fail(_ rule: String) -> ValidationError {
            ValidationError(field: field, value: input, rule: rule)
        }
        let text = ValueText.trimmed(input)
        if let bad = ValueText.firstControl(in: text) {
            throw fail("must not contain control characters such as tabs or line breaks, found \(ValueText.show(bad))")
        }
        let count = text.count
        if count == 0 {
            throw fail("must not be empty: 1 to 200 characters")
        }
        if count > 200 {
            throw fail("must be at most 200 characters, has \(count)")
        }
        rawValue = text
    }

    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: DisplayText, rhs: DisplayText) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
