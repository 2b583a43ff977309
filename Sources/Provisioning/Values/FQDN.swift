/// A fully qualified domain name: a PBX's SIP domain (`mysippbx.com`), an SM-DP+
/// address (`smdp.example.com`).
///
/// Lower-cased; 1 to 253 characters; at least two labels separated by dots; each label 1
/// to 63 of letters, digits and hyphens, not starting or ending with a hyphen; the last
/// label not all digits (an IP address is not a domain name). Internationalised names go
/// in their ASCII (`xn--`) form; no trailing dot. Surrounding whitespace is ignored.
public struct FQDN: ValidatedValue {
    public let rawValue: String

    public init(_ input: String) throws {
        switch Self.normalise(ValueText.trimmed(input)) {
        case .success(let name): rawValue = name
        case .failure(let failure):
            throw ValidationError(field: "domain name", value: input, rule: failure.rule)
        }
    }

    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: FQDN, rhs: FQDN) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// The rule a domain name broke; shared with `Email` and `ActivationCode`, which
    /// report it under their own field.
    struct Failure: Error {
        let rule: String
    }

    /// The lower-cased name, or the rule it broke. `text` is taken as it is (not trimmed).
    static func normalise(_ text: some StringProtocol) -> Result<String, Failure> {
        func fail(_ rule: String) -> Result<String, Failure> { .failure(Failure(rule: rule)) }
        if text.isEmpty {
            return fail("must not be empty: a domain name such as example.com")
        }
        if let bad = text.unicodeScalars.first(where: { !(ValueText.isLetter($0) || ValueText.isDigit($0) || $0 == "-" || $0 == ".") }) {
            return fail("may contain only letters, digits, hyphens and dots, found \(ValueText.show(bad))")
        }
        let count = text.utf8.count
        if count > 253 {
            return fail("must be at most 253 characters, has \(count)")
        }
        let name = ValueText.asciiLowercased(text)
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        if labels.contains(where: \.isEmpty) {
            return fail("must not have an empty label (a leading or trailing dot, or two dots in a row)")
        }
        if labels.count < 2 {
            return fail("must have at least two labels separated by a dot, such as example.com")
        }
        if let long = labels.first(where: { $0.utf8.count > 63 }) {
            return fail("labels must be at most 63 characters, '\(long.prefix(20))...' has \(long.utf8.count)")
        }
        if let hyphenated = labels.first(where: { $0.hasPrefix("-") || $0.hasSuffix("-") }) {
            return fail("labels must not start or end with a hyphen, '\(hyphenated)' does")
        }
        if let last = labels.last, last.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            return fail("the last label must not be all digits (an IP address is not a domain name)")
        }
        return .success(name)
    }
}
