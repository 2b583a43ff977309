/// The id of a subscriber (`b016987`): `^[a-z][0-9a-z]{5,15}$`, that is 6 to 16
/// lower-case letters and digits, starting with a letter.
///
/// Input is lower-cased (ASCII) and trimmed. New ids come from `generate(fromPosition:)`,
/// so a replay of the log gives the same ids.
public struct SubUID: ValidatedValue {
    public let rawValue: String

    public init(_ input: String) throws {
        func fail(_ rule: String) -> ValidationError {
            ValidationError(field: "SubUID", value: input, rule: rule)
        }
        let text = ValueText.asciiLowercased(ValueText.trimmed(input))
        if let bad = text.unicodeScalars.first(where: { !(("a"..."z").contains($0) || ValueText.isDigit($0)) }) {
            throw fail("may contain only letters a-z and digits 0-9, found \(ValueText.show(bad))")
        }
        let count = text.utf8.count
        if !(6...16).contains(count) {
            throw fail("must be 6 to 16 characters, has \(count)")
        }
        if let first = text.unicodeScalars.first, ValueText.isDigit(first) {
            throw fail("must start with a letter a-z")
        }
        rawValue = text
    }

    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    /// The id for the subscriber created by the event at log `position`: `s` followed by
    /// the position in lower-case base 36, left-padded with zeros to 6 digits (position 1
    /// gives `s000001`, 36 gives `s000010`); longer when the position needs it (at most
    /// 13 digits for `UInt64.max`).
    public static func generate(fromPosition position: UInt64) -> SubUID {
        let digits = String(position, radix: 36, uppercase: false)
        return SubUID(unchecked: "s" + String(repeating: "0", count: max(0, 6 - digits.utf8.count)) + digits)
    }

    public var description: String { rawValue }

    public static func < (lhs: SubUID, rhs: SubUID) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
