/// The serial number of a SIM (ITU-T E.118): digits only, starting with `89`, 18 to 20
/// digits.
///
/// Normalising strips spaces and tabs anywhere, surrounding whitespace, and one trailing
/// `F` (the filler nibble some vendors print). An 18-digit ICCID carries no check digit and
/// is accepted as it is; a 19-digit one must pass the Luhn check; a 20-digit one is
/// Luhn-checked unless its batch is declared to carry no check digit.
///
/// Ordered as numbers: shorter first, then digit by digit.
public struct ICCID: ValidatedValue {
    public let rawValue: String

    /// Validates `input` with the Luhn check on 19 and 20 digits.
    public init(_ input: String) throws {
        try self.init(input, batchHasNoCheckDigit: false)
    }

    /// Validates `input`; when `batchHasNoCheckDigit`, a 20-digit ICCID is not
    /// Luhn-checked (19 digits always are).
    public init(_ input: String, batchHasNoCheckDigit: Bool) throws {
        // The common case, a plain digit string, without building scalar arrays: a
        // book-in of a million SIMs validates a million ICCIDs.
        if let plain = Self.plainDigits(input, batchHasNoCheckDigit: batchHasNoCheckDigit) {
            rawValue = plain
            return
        }
        func fail(_ rule: String) -> ValidationError {
            ValidationError(field: "ICCID", value: input, rule: rule)
        }
        var scalars = Array(ValueText.trimmed(input).unicodeScalars.filter { $0 != " " && $0 != "\t" })
        if let last = scalars.last, last == "F" || last == "f" {
            scalars.removeLast()
        }
        if scalars.isEmpty {
            throw fail("must not be empty: 18 to 20 digits starting with 89")
        }
        if let bad = scalars.first(where: { !ValueText.isDigit($0) }) {
            throw fail("must contain only digits 0-9 (spaces and one trailing F are ignored), found \(ValueText.show(bad))")
        }
        if scalars.count < 2 || scalars[0] != "8" || scalars[1] != "9" {
            throw fail("must start with 89 (the telecommunications industry identifier)")
        }
        if !(18...20).contains(scalars.count) {
            throw fail("must have 18 to 20 digits, has \(scalars.count)")
        }
        var digits = ""
        digits.unicodeScalars.append(contentsOf: scalars)
        if scalars.count == 19 || (scalars.count == 20 && !batchHasNoCheckDigit) {
            let expected = Self.luhnCheckDigit(for: digits.dropLast())
            let actual = Int(scalars[scalars.count - 1].value - 48)
            if expected != actual {
                throw fail("failed the Luhn check: the check digit should be \(expected), not \(actual)")
            }
        }
        rawValue = digits
    }

    /// `input` itself when it is already normal and valid (18-20 ASCII digits starting
    /// with 89, Luhn-correct where required); nil sends it through the full checks,
    /// which also word the error.
    private static func plainDigits(_ input: String, batchHasNoCheckDigit: Bool) -> String? {
        // Over the string's own bytes (the UTF-8 view's iterator cost 110 ns an ICCID).
        let plain = input.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            let count = bytes.count
            guard (18...20).contains(count), bytes[0] == 0x38, bytes[1] == 0x39 else { return false }
            var sum = 0
            for index in 0..<count {
                let byte = bytes[index]
                guard byte >= 0x30 && byte <= 0x39 else { return false }
                // Luhn over all digits: from the right, every second digit doubled.
                var digit = Int(byte &- 0x30)
                if (count - 1 - index) % 2 == 1 {
                    digit *= 2
                    if digit > 9 { digit -= 9 }
                }
                sum += digit
            }
            let needsCheck = count == 19 || (count == 20 && !batchHasNoCheckDigit)
            return !needsCheck || sum % 10 == 0
        }
        // A string without contiguous UTF-8 (bridged) takes the full checks.
        return plain == true ? input : nil
    }

    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    /// The Luhn (ISO/IEC 7812) check digit to append to `digits`. Characters other than
    /// ASCII digits are skipped.
    public static func luhnCheckDigit(for digits: some StringProtocol) -> Int {
        var sum = 0
        var doubled = true  // the rightmost payload digit is doubled
        for byte in digits.utf8.reversed() where (0x30...0x39).contains(byte) {
            var digit = Int(byte - 0x30)
            if doubled {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
            doubled.toggle()
        }
        return (10 - sum % 10) % 10
    }

    /// The number of digits: 18, 19 or 20.
    public var digitCount: Int { rawValue.utf8.count }

    public var description: String { rawValue }

    public static func < (lhs: ICCID, rhs: ICCID) -> Bool {
        ValueText.numericOrder(lhs.rawValue, rhs.rawValue)
    }
}
