/// The description of a reseller, a group, a subscriber or a catalog item (the guide's
/// "3 - 100 Characters"), such as the company's name.
///
/// Trimmed of surrounding whitespace; 3 to 100 characters (user-perceived characters,
/// so `é` counts once however it is encoded); no control characters.
public struct Description: ValidatedValue {
    public let rawValue: String

    public init(_ input: String) throws {
        func fail(_ rule: String) -> ValidationError {
            ValidationError(field: "description", value: input, rule: rule)
        }
        let text = ValueText.trimmed(input)
        if let bad = ValueText.firstControl(in: text) {
            throw fail("must not contain control characters such as tabs or line breaks, found \(ValueText.show(bad))")
        }
        let count = text.count
        if !(3...100).contains(count) {
            throw fail("must be 3 to 100 characters, has \(count)")
        }
        rawValue = text
    }

    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: Description, rhs: Description) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
