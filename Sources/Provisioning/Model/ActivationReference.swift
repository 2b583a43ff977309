/// What the log keeps of an eSIM activation code: where it lives in the secret
/// store, its fingerprint and its (public) SM-DP+ address. The code itself is a
/// credential (whoever holds it can install the line) and never enters the log.
public struct ActivationReference: Hashable, Sendable {
    /// The key of the code in the secret store: `esim:<iccid>`.
    public var secretReference: String
    /// `sha256:<hex>` of the code, to check a stored code against the log.
    public var fingerprint: String
    public var smdpAddress: FQDN

    public init(secretReference: String, fingerprint: String, smdpAddress: FQDN) {
        self.secretReference = secretReference
        self.fingerprint = fingerprint
        self.smdpAddress = smdpAddress
    }

    /// The secret store key of an eSIM's activation code.
    public static func secretReference(for iccid: ICCID) -> String { "esim:\(iccid.rawValue)" }
}
