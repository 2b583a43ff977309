/// One SIM of a book-in: its ICCID, and optionally its IMSI and (eSIM) activation code.
public struct SIMBookIn: Hashable, Sendable {
    public var iccid: ICCID
    public var imsi: IMSI?
    public var activationCode: ActivationCode?

    public init(iccid: ICCID, imsi: IMSI? = nil, activationCode: ActivationCode? = nil) {
        self.iccid = iccid
        self.imsi = imsi
        self.activationCode = activationCode
    }
}

/// `sims bookin`. `batchHasNoCheckDigit` is how the ICCIDs were validated
/// (`--no-check-digit`); it is kept for the record of the command only.
public struct BookInSIMs: Hashable, Sendable {
    public var sims: [SIMBookIn]
    public var simType: SIMTypeCode
    public var form: SIMForm
    public var batchHasNoCheckDigit: Bool

    public init(sims: [SIMBookIn], simType: SIMTypeCode, form: SIMForm, batchHasNoCheckDigit: Bool = false) {
        self.sims = sims
        self.simType = simType
        self.form = form
        self.batchHasNoCheckDigit = batchHasNoCheckDigit
    }
}

/// `sims reserve --reseller NAME`.
public struct ReserveSIMs: Hashable, Sendable {
    public var reseller: Name
    public var iccids: [ICCID]

    public init(reseller: Name, iccids: [ICCID]) {
        self.reseller = reseller
        self.iccids = iccids
    }
}

/// `sims allocate --group NAME`.
public struct AllocateSIMs: Hashable, Sendable {
    public var group: Name
    public var iccids: [ICCID]

    public init(group: Name, iccids: [ICCID]) {
        self.group = group
        self.iccids = iccids
    }
}

/// `sims unallocate`: back to their reseller.
public struct UnallocateSIMs: Hashable, Sendable {
    public var iccids: [ICCID]

    public init(iccids: [ICCID]) { self.iccids = iccids }
}

/// `sims unreserve`: back to stock.
public struct UnreserveSIMs: Hashable, Sendable {
    public var iccids: [ICCID]

    public init(iccids: [ICCID]) { self.iccids = iccids }
}

/// `sims retire --why lost|stolen|faulty`.
public struct RetireSIMs: Hashable, Sendable {
    public var iccids: [ICCID]
    public var reason: SIMRetirementReason

    public init(iccids: [ICCID], reason: SIMRetirementReason) {
        self.iccids = iccids
        self.reason = reason
    }
}
