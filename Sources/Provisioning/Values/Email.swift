/// An email address (`AdeleV@m365x17108666.onmicrosoft.com`).
///
/// Trimmed; exactly one `@`; a local part of 1 to 64 bytes, a dot-atom of letters,
/// digits and ``!#$%&'*+/=?^_`{|}~-`` (non-ASCII letters allowed, RFC 6531), no leading,
/// trailing or doubled dot; a domain that is a valid `FQDN` (so at least one dot); at most
/// 254 bytes in all. The domain part is lower-cased; the local part is kept as given.
public struct Email: ValidatedValue {
    public let rawValue: String

    public init(_ input: String) throws {
        func fail(_ rule: String) -> ValidationError {
            ValidationError(field: "email", value: input, rule: rule)
        }
        let text = ValueText.trimmed(input)
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw fail("must have exactly one @, as in user@example.com")
        }
        let local = parts[0]
        if local.isEmpty {
            throw fail("must have a local part before the @")
        }
        if local.utf8.count > 64 {
            throw fail("the local part must be at most 64 characters, has \(local.utf8.count)")
        }
        if let bad = local.unicodeScalars.first(where: { !Self.isLocalScalar($0) }) {
            throw fail("the local part may not contain \(ValueText.show(bad))")
        }
        if local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") {
            throw fail("the local part must not start or end with a dot or have two dots in a row")
        }
        let domain: String
        switch FQDN.normalise(parts[1]) {
        case .success(let name): domain = name
        case .failure(let failure): throw fail("the domain part \(failure.rule)")
        }
        let address = "\(local)@\(domain)"
        if address.utf8.count > 254 {
            throw fail("must be at most 254 characters, has \(address.utf8.count)")
        }
        rawValue = address
    }

    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    /// What comes before the `@`, as given.
    public var localPart: Substring {
        rawValue[..<(rawValue.lastIndex(of: "@") ?? rawValue.endIndex)]
    }

    /// What comes after the `@`, lower-cased.
    public var domain: Substring {
        guard let at = rawValue.lastIndex(of: "@") else { return rawValue[rawValue.endIndex...] }
        return rawValue[rawValue.index(after: at)...]
    }

    public var description: String { rawValue }

    public static func < (lhs: Email, rhs: Email) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// RFC 5322 atext, the dot, and (RFC 6531) any non-ASCII scalar that is neither
    /// whitespace nor a control character.
    static func isLocalScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ValueText.isLetter(scalar) || ValueText.isDigit(scalar)
                || "!#$%&'*+/=?^_`{|}~-.".unicodeScalars.contains(scalar)
        }
        return !scalar.properties.isWhitespace && !ValueText.isControl(scalar)
            && scalar.properties.generalCategory != .format
    }
}
