/// The reasons of guide 13.2's "Termination Reason" list. `other` needs a note.
public enum TerminationReason: String, Sendable, Hashable, CaseIterable, WireEnum {
    case contractEnded = "contract-ended"
    case customerRequest = "customer-request"
    case nonPayment = "non-payment"
    case lostOrStolen = "lost-or-stolen"
    case fraud
    case other

    public static let wireOrder: [TerminationReason] = [
        .contractEnded, .customerRequest, .nonPayment, .lostOrStolen, .fraud, .other,
    ]
}
