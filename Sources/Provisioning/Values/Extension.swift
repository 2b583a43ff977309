/// A PBX extension (`1000`): 1 to 15 digits. Surrounding whitespace is ignored.
public struct Extension: ValidatedValue {
    public let rawValue: String

    public init(_ input: String) throws {
        func fail(_ rule: String) -> ValidationError {
            ValidationError(field: "extension", value: input, rule: rule)
        }
        let text = ValueText.trimmed(input)
        if let bad = text.unicodeScalars.first(where: { !ValueText.isDigit($0) }) {
            throw fail("must contain only digits 0-9, found \(ValueText.show(bad))")
        }
        let count = text.utf8.count
        if !(1...15).contains(count) {
            throw fail("must have 1 to 15 digits, has \(count)")
        }
        rawValue = text
    }

    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: Extension, rhs: Extension) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
