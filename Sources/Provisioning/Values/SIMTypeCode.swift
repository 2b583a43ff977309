/// The vendor's SIM type code (`MXG-ET085`).
///
/// 1 to 32 characters of `A-Z a-z 0-9 _ - .`; case is kept. Surrounding whitespace is
/// ignored.
public struct SIMTypeCode: ValidatedValue {
    public let rawValue: String

    public init(_ input: String) throws {
        rawValue = try ValueText.identifier(input, field: "SIM type", maxLength: 32)
    }

    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: SIMTypeCode, rhs: SIMTypeCode) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
