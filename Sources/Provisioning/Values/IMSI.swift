/// The subscriber identity on a SIM (ITU-T E.212): 6 to 15 digits (MCC, MNC and MSIN;
/// at most 15). Surrounding whitespace is ignored.
public struct IMSI: ValidatedValue {
    public let rawValue: String

    public init(_ input: String) throws {
        func fail(_ rule: String) -> ValidationError {
            ValidationError(field: "IMSI", value: input, rule: rule)
        }
        let text = ValueText.trimmed(input)
        if let bad = text.unicodeScalars.first(where: { !ValueText.isDigit($0) }) {
            throw fail("must contain only digits 0-9, found \(ValueText.show(bad))")
        }
        let count = text.utf8.count
        if !(6...15).contains(count) {
            throw fail("must have 6 to 15 digits (ITU-T E.212: at most 15), has \(count)")
        }
        rawValue = text
    }

    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: IMSI, rhs: IMSI) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
