/// A SIM of the inventory (guide 11) and who holds it.
public struct SIMRecord: Hashable, Sendable {
    public var iccid: ICCID
    public var simType: SIMTypeCode
    public var form: SIMForm
    public var imsi: IMSI?
    public var activation: ActivationReference?
    public var status: SIMStatus
    /// Set from RESERVED on; kept when RETIRED, to say whose it was.
    public var reseller: Name?
    /// Set from ALLOCATED on (and for a SIM activated from its reseller's reserve).
    public var group: Name?
    /// Set when ACTIVE; kept when RETIRED.
    public var subscriber: SubUID?
    public var retirementReason: SIMRetirementReason?

    public init(
        iccid: ICCID, simType: SIMTypeCode, form: SIMForm, imsi: IMSI?, activation: ActivationReference?,
        status: SIMStatus = .bookin, reseller: Name? = nil, group: Name? = nil, subscriber: SubUID? = nil,
        retirementReason: SIMRetirementReason? = nil
    ) {
        self.iccid = iccid
        self.simType = simType
        self.form = form
        self.imsi = imsi
        self.activation = activation
        self.status = status
        self.reseller = reseller
        self.group = group
        self.subscriber = subscriber
        self.retirementReason = retirementReason
    }

    /// The pool a SIM can be provisioned from, if it is in one: an ALLOCATED SIM
    /// is its group's, a RESERVED SIM its reseller's.
    public var availabilityPool: SIMPool? {
        switch status {
        case .allocated: group.map { SIMPool(holder: .group($0), form: form) }
        case .reserved: reseller.map { SIMPool(holder: .reseller($0), form: form) }
        case .bookin, .active, .retired: nil
        }
    }

    /// "SIM 894453000000085788", for messages.
    public var spoken: String { "SIM \(iccid.rawValue)" }
}

/// SIMs waiting for a subscriber, of one form, held by one group (allocated) or
/// one reseller (reserved). "Next available SIM" reads the smallest ICCID of a pool.
public struct SIMPool: Hashable, Sendable {
    public enum Holder: Hashable, Sendable {
        case group(Name)
        case reseller(Name)
    }

    public var holder: Holder
    public var form: SIMForm

    public init(holder: Holder, form: SIMForm) {
        self.holder = holder
        self.form = form
    }
}
