import Provisioning
import Testing

/// The suites of the validated value types, nested here so that
/// `swift test --filter ProvisioningTests.Values` runs them all, and so that their
/// helpers cannot clash with the rest of the test target.
@Suite struct Values {
    /// Expects `make(input)` to throw a `ValidationError` naming `field`, giving `value`
    /// (the input itself unless told) and a rule that contains `rule`.
    static func expectRejected<T>(
        _ input: String,
        field: String,
        rule: String,
        value: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ make: (String) throws -> T
    ) {
        let error = #expect(throws: ValidationError.self, sourceLocation: sourceLocation) {
            try make(input)
        }
        guard let error else { return }
        #expect(error.field == field, sourceLocation: sourceLocation)
        #expect(error.value == (value ?? input), sourceLocation: sourceLocation)
        #expect(error.rule.contains(rule), "rule was: \(error.rule)", sourceLocation: sourceLocation)
    }

    /// A 19- or 20-digit ICCID made valid by appending the Luhn check digit of `payload`.
    static func withCheckDigit(_ payload: String) -> String {
        payload + String(ICCID.luhnCheckDigit(for: payload))
    }

}
