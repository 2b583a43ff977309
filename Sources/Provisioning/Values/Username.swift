/// The login of a Control Panel user (`Mike.D`, `ran.inbar@audiocodes.com`).
///
/// 1 to 64 characters of `A-Z a-z 0-9 _ - . @`, stored as given: case-sensitive.
/// Surrounding whitespace is ignored.
public struct Username: ValidatedValue {
    public let rawValue: String

    public init(_ input: String) throws {
        rawValue = try ValueText.identifier(input, field: "username", maxLength: 64, allowAt: true)
    }

    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: Username, rhs: Username) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
