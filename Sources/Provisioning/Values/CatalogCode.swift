/// The code or name of a catalog item: a product (`UCC`), a bundle (`BUN-UKN-MX2G`), a
/// roaming policy (`PLCY_RMG_UNRESTRICTED`), a network profile (`Mobile-X`, `TangoExt`),
/// a PBX (`MicrosoftTeams`).
///
/// 1 to 64 characters of `A-Z a-z 0-9 _ - .`; case is kept. Surrounding whitespace is
/// ignored.
public struct CatalogCode: ValidatedValue {
    public let rawValue: String

    public init(_ input: String) throws {
        rawValue = try ValueText.identifier(input, field: "catalog code", maxLength: 64)
    }

    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: CatalogCode, rhs: CatalogCode) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
