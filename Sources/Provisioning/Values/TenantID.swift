/// A Microsoft Entra (Azure AD) tenant id, a group's "domain": a GUID
/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` of hexadecimal digits.
///
/// Surrounding whitespace and one pair of surrounding braces are stripped; stored in
/// lower case.
public struct TenantID: ValidatedValue {
    public let rawValue: String

    public init(_ input: String) throws {
        var scalars = Array(ValueText.trimmed(input).unicodeScalars)
        if scalars.count >= 2, scalars.first == "{", scalars.last == "}" {
            scalars.removeFirst()
            scalars.removeLast()
        }
        let dashes: Set<Int> = [8, 13, 18, 23]
        let wellFormed = scalars.count == 36 && scalars.indices.allSatisfy { i in
            dashes.contains(i) ? scalars[i] == "-" : ValueText.isHexDigit(scalars[i])
        }
        guard wellFormed else {
            throw ValidationError(
                field: "tenant ID", value: input,
                rule: "must be a GUID of hexadecimal digits in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
            )
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        rawValue = ValueText.asciiLowercased(text)
    }

    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: TenantID, rhs: TenantID) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
