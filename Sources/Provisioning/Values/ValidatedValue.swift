/// What every validated string value of the domain offers: a normalised `rawValue`,
/// a validating initialiser that throws only `ValidationError`, and an unchecked one
/// for values read back from the event log.
///
/// For every conforming type, a value's `rawValue` given back to `init(_:)` gives an
/// equal value with the same `rawValue` (normalisation is idempotent).
public protocol ValidatedValue: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The normalised form.
    var rawValue: String { get }
    /// Normalises and validates `input`; throws only `ValidationError`.
    init(_ input: String) throws
    /// Trusts `rawValue` as already normalised and valid (decoding the event log).
    init(unchecked rawValue: String)
}
