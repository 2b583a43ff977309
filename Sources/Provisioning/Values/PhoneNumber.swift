/// A telephone number in E.164 form without the `+`: `^[1-9][0-9]{6,14}$`, such as
/// `18332954087`.
///
/// Normalising strips spaces, tabs and dashes anywhere, surrounding whitespace, and one
/// leading `+`. Ordered as numbers: shorter first, then digit by digit.
public struct PhoneNumber: ValidatedValue {
    public let rawValue: String

    static let rule = "must be E.164 digits without +, 7 to 15 digits, not starting with 0"

    public init(_ input: String) throws {
        func fail(_ detail: String) -> ValidationError {
            ValidationError(field: "phone number", value: input, rule: "\(Self.rule) (\(detail))")
        }
        var scalars = Array(
            ValueText.trimmed(input).unicodeScalars.filter { $0 != " " && $0 != "\t" && $0 != "-" }
        )
        if scalars.first == "+" {
            scalars.removeFirst()
        }
        if scalars.isEmpty {
            throw fail("it is empty")
        }
        if let bad = scalars.first(where: { !ValueText.isDigit($0) }) {
            throw fail("found \(ValueText.show(bad))")
        }
        if scalars[0] == "0" {
            throw fail("it starts with 0")
        }
        if !(7...15).contains(scalars.count) {
            throw fail("it has \(scalars.count) digits")
        }
        var digits = ""
        digits.unicodeScalars.append(contentsOf: scalars)
        rawValue = digits
    }

    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: PhoneNumber, rhs: PhoneNumber) -> Bool {
        ValueText.numericOrder(lhs.rawValue, rhs.rawValue)
    }
}
