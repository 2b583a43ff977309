/// Small text helpers shared by the value types. Pure stdlib: no Foundation.
enum ValueText {
    /// `input` without leading and trailing whitespace (Unicode whitespace, newlines included).
    static func trimmed(_ input: String) -> String {
        guard let first = input.firstIndex(where: { !$0.isWhitespace }),
              let last = input.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(input[first...last])
    }

    /// ASCII letters lower-cased; every other byte kept.
    static func asciiLowercased(_ input: some StringProtocol) -> String {
        String(decoding: input.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// ASCII letters upper-cased; every other byte kept.
    static func asciiUppercased(_ input: some StringProtocol) -> String {
        String(decoding: input.utf8.map { (0x61...0x7A).contains($0) ? $0 & ~0x20 : $0 }, as: UTF8.self)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    static func isHexDigit(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar)
    }

    /// A scalar as an operator can read it in an error: `'x'` for printable ASCII,
    /// `'é' (U+00E9)` for other printable ones, `U+0009` for controls.
    static func show(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        if scalar.value >= 0x21 && scalar.value <= 0x7E { return "'\(scalar)'" }
        if scalar == " " { return "a space" }
        if isControl(scalar) || scalar.properties.isWhitespace { return code }
        return "'\(scalar)' (\(code))"
    }

    /// Control characters (Unicode category Cc: tabs, line breaks, NUL, DEL...) and the
    /// line and paragraph separators.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }

    /// The first control character in `text`, if any.
    static func firstControl(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first(where: isControl)
    }

    /// Orders two digit strings as the numbers they spell when they are of equal
    /// length: shorter first, then lexicographically.
    static func numericOrder(_ lhs: String, _ rhs: String) -> Bool {
        let (l, r) = (lhs.utf8.count, rhs.utf8.count)
        if l != r { return l < r }
        return lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// The billing-identifier character set: `A-Z a-z 0-9 _ - .`, optionally `@`.
    static func isIdentifierScalar(_ scalar: Unicode.Scalar, allowAt: Bool) -> Bool {
        isLetter(scalar) || isDigit(scalar) || scalar == "_" || scalar == "-" || scalar == "."
            || (allowAt && scalar == "@")
    }

    /// Validates a code or name of `A-Z a-z 0-9 _ - .` (plus `@` when `allowAt`), of
    /// 1 to `maxLength` characters, after trimming surrounding whitespace. Case is kept.
    static func identifier(
        _ input: String, field: String, maxLength: Int, allowAt: Bool = false
    ) throws -> String {
        let allowed = allowAt ? "A-Z a-z 0-9 _ - . @" : "A-Z a-z 0-9 _ - ."
        let text = trimmed(input)
        func fail(_ rule: String) -> ValidationError {
            ValidationError(field: field, value: input, rule: rule)
        }
        if text.isEmpty {
            throw fail("must not be empty: 1 to \(maxLength) characters of \(allowed)")
        }
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
            throw fail("must have no spaces: 1 to \(maxLength) characters of \(allowed)")
        }
        if let bad = text.unicodeScalars.first(where: { !isIdentifierScalar($0, allowAt: allowAt) }) {
            throw fail("may contain only \(allowed), found \(show(bad))")
        }
        let count = text.utf8.count
        if count > maxLength {
            throw fail("must be at most \(maxLength) characters, has \(count)")
        }
        return text
    }
}
