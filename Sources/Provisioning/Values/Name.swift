/// A billing identifier: the name of a reseller, a group, a subscriber or the
/// distributor (`AudioCodes_Reseller`, `AC_Internal`, `AdeleVance`).
///
/// 1 to 64 characters of `A-Z a-z 0-9 _ - .`, no spaces; case is kept. Surrounding
/// whitespace is ignored.
public struct Name: ValidatedValue {
    public let rawValue: String

    public init(_ input: String) throws {
        rawValue = try ValueText.identifier(input, field: "name", maxLength: 64)
    }

    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: Name, rhs: Name) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
