/// The service provider name a network profile writes to the SIM (`Mobile-X`): 1 to 16
/// printable ASCII characters, as 3GPP TS 31.102 EF_SPN holds 16 bytes. Surrounding
/// whitespace is ignored; inner spaces are kept.
public struct SPN: ValidatedValue {
    public let rawValue: String

    public init(_ input: String) throws {
        func fail(_ rule: String) -> ValidationError {
            ValidationError(field: "SPN", value: input, rule: rule)
        }
        let text = ValueText.trimmed(input)
        if let bad = text.unicodeScalars.first(where: { $0.value < 0x20 || $0.value > 0x7E }) {
            throw fail("may contain only printable ASCII characters, found \(ValueText.show(bad))")
        }
        let count = text.utf8.count
        if count == 0 {
            throw fail("must not be empty: 1 to 16 printable ASCII characters")
        }
        if count > 16 {
            throw fail("must be at most 16 characters, has \(count) (3GPP TS 31.102 EF_SPN holds 16 bytes)")
        }
        rawValue = text
    }

    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: SPN, rhs: SPN) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
