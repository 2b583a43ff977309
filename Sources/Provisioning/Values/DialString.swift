/// A number dialled on the PBX, such as the voicemail deposit and retrieval numbers
/// (`*79`, `6245`): 1 to 15 of digits, `*` and `#`. Surrounding whitespace is ignored.
public struct DialString: ValidatedValue {
    public let rawValue: String

    public init(_ input: String) throws {
        func fail(_ rule: String) -> ValidationError {
            ValidationError(field: "dial string", value: input, rule: rule)
        }
        let text = ValueText.trimmed(input)
        if let bad = text.unicodeScalars.first(where: { !ValueText.isDigit($0) && $0 != "*" && $0 != "#" }) {
            throw fail("may contain only digits 0-9, * and #, found \(ValueText.show(bad))")
        }
        let count = text.utf8.count
        if !(1...15).contains(count) {
            throw fail("must have 1 to 15 characters of 0-9 * #, has \(count)")
        }
        rawValue = text
    }

    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: DialString, rhs: DialString) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
