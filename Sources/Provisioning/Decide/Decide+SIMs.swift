// The SIM inventory (guide 11): every bulk action checks every SIM before it
// emits anything, so one bad ICCID rejects the whole batch, and the rejection
// names the first bad one in the order given.
extension Decider {
    func bookInSIMs(_ command: BookInSIMs) throws(Rejection) -> Decision {
        try permit(.bookInSIMs, on: .store)
        try requireDistinctICCIDs(of: command.sims, command: "sims bookin")
        let smdpAddress = distributor.smdpAddress
        var imsisInBatch: [IMSI: ICCID] = [:]
        var events: [ProvisioningEvent] = []
        var secrets: [SecretToStore] = []
        events.reserveCapacity(command.sims.count)
        for sim in command.sims {
            if let existing = state.sim(sim.iccid) {
                throw .rule(
                    "SIM \(sim.iccid) is already in the inventory (\(existing.status.rawValue)): ICCIDs are unique forever, retired ones included; remove it from the batch.")
            }
            if let imsi = sim.imsi {
                if let holder = imsisInBatch[imsi] ?? state.simHolding(imsi: imsi) {
                    throw .rule(
                        "IMSI \(imsi) of SIM \(sim.iccid) is already on SIM \(holder): an IMSI belongs to one SIM; correct the batch.")
                }
                imsisInBatch[imsi] = sim.iccid
            }
            var activation: ActivationReference?
            if let code = sim.activationCode {
                guard command.form == .esim else {
                    throw .rule(
                        "SIM \(sim.iccid) comes with an activation code but the batch is of physical SIMs: activation codes are for eSIMs; book it in with --form esim.")
                }
                if let expected = smdpAddress, code.smdpAddress != expected {
                    throw .rule(
                        "The activation code of SIM \(sim.iccid) points at SM-DP+ \(code.smdpAddress), not this store's \(expected): check the batch, or change the setting with settings set --smdp-address.")
                }
                let reference = ActivationReference.secretReference(for: sim.iccid)
                activation = ActivationReference(
                    secretReference: reference, fingerprint: code.fingerprint, smdpAddress: code.smdpAddress)
                secrets.append(SecretToStore(reference: reference, value: Array(code.rawValue.utf8)))
            }
            events.append(
                .simBookedIn(
                    SIMBookedIn(
                        iccid: sim.iccid, simType: command.simType, form: command.form, imsi: sim.imsi,
                        activation: activation)))
        }
        return Decision(events: events, secrets: secrets)
    }

    func reserveSIMs(_ command: ReserveSIMs) throws(Rejection) -> Decision {
        try permit(.reserveSIMs, on: .reseller(command.reseller))
        let reseller = try reseller(command.reseller)
        try requireDistinct(command.iccids, what: "ICCID", command: "sims reserve")
        var events: [ProvisioningEvent] = []
        events.reserveCapacity(command.iccids.count)
        for iccid in command.iccids {
            let sim = try sim(iccid)
            guard sim.status == .bookin else {
                throw .rule(
                    "SIM \(iccid) is \(sim.holderDescription); only a BOOKIN SIM can be reserved: \(sim.wayBackToStock)")
            }
            events.append(.simReserved(SIMReserved(iccid: iccid, reseller: reseller.name)))
        }
        return Decision(events: events)
    }

    func allocateSIMs(_ command: AllocateSIMs) throws(Rejection) -> Decision {
        let group = try group(command.group)
        try permit(.allocateSIMs, on: group.scope)
        try requireDistinct(command.iccids, what: "ICCID", command: "sims allocate")
        var events: [ProvisioningEvent] = []
        events.reserveCapacity(command.iccids.count)
        for iccid in command.iccids {
            let sim = try sim(iccid)
            if let holder = sim.reseller { try requireReach(.reseller(holder), for: "SIM \(iccid)") }
            switch sim.status {
            case .reserved where sim.reseller == group.reseller:
                events.append(.simAllocated(SIMAllocated(iccid: iccid, reseller: group.reseller, group: group.name)))
            case .reserved:
                throw .rule(
                    "SIM \(iccid) is reserved for reseller \(sim.reseller?.rawValue ?? "?"), not for \(group.reseller), the reseller of group \(group.name): a group gets only its own reseller's SIMs.")
            case .bookin:
                throw .rule(
                    "SIM \(iccid) is BOOKIN; only a RESERVED SIM can be allocated: reserve it for reseller \(group.reseller) first.")
            case .allocated:
                throw .rule(
                    "SIM \(iccid) is already ALLOCATED to group \(sim.group?.rawValue ?? "?"): unallocate it first.")
            case .active, .retired:
                throw .rule("SIM \(iccid) is \(sim.holderDescription); only a RESERVED SIM can be allocated.")
            }
        }
        return Decision(events: events)
    }

    func unallocateSIMs(_ command: UnallocateSIMs) throws(Rejection) -> Decision {
        try requireDistinct(command.iccids, what: "ICCID", command: "sims unallocate")
        var events: [ProvisioningEvent] = []
        events.reserveCapacity(command.iccids.count)
        for iccid in command.iccids {
            let sim = try sim(iccid)
            guard sim.status == .allocated, let reseller = sim.reseller, let group = sim.group else {
                throw .rule("SIM \(iccid) is \(sim.holderDescription); only an ALLOCATED SIM can be unallocated.")
            }
            try permit(.allocateSIMs, on: .group(group, reseller: reseller))
            events.append(.simUnallocated(SIMUnallocated(iccid: iccid, reseller: reseller, group: group)))
        }
        return Decision(events: events)
    }

    func unreserveSIMs(_ command: UnreserveSIMs) throws(Rejection) -> Decision {
        try requireDistinct(command.iccids, what: "ICCID", command: "sims unreserve")
        var events: [ProvisioningEvent] = []
        events.reserveCapacity(command.iccids.count)
        for iccid in command.iccids {
            let sim = try sim(iccid)
            guard sim.status == .reserved, let reseller = sim.reseller else {
                let hint = sim.status == .allocated ? " unallocate it first." : ""
                throw .rule(
                    "SIM \(iccid) is \(sim.holderDescription); only a RESERVED SIM can be unreserved.\(hint)")
            }
            try permit(.unreserveSIMs, on: .reseller(reseller))
            events.append(.simUnreserved(SIMUnreserved(iccid: iccid, reseller: reseller)))
        }
        return Decision(events: events)
    }

    func retireSIMs(_ command: RetireSIMs) throws(Rejection) -> Decision {
        guard SIMRetirementReason.operatorReasons.contains(command.reason) else {
            throw .malformed(
                "A SIM is retired as lost, stolen or faulty (--why); \(command.reason.rawValue) is recorded only by subscriber terminate.")
        }
        try requireDistinct(command.iccids, what: "ICCID", command: "sims retire")
        var events: [ProvisioningEvent] = []
        events.reserveCapacity(command.iccids.count)
        for iccid in command.iccids {
            let sim = try sim(iccid)
            switch sim.status {
            case .active:
                throw .rule(
                    "SIM \(iccid) is ACTIVE for subscriber \(sim.subscriber?.rawValue ?? "?"): terminate the subscriber (reason lost-or-stolen), which retires its SIM.")
            case .retired:
                throw .rule("SIM \(iccid) is already RETIRED (\(sim.retirementReason?.rawValue ?? "retired")).")
            case .bookin, .reserved, .allocated:
                let scope: Scope =
                    if let reseller = sim.reseller {
                        sim.group.map { .group($0, reseller: reseller) } ?? .reseller(reseller)
                    } else { .store }
                try permit(.retireSIMs, on: scope)
                events.append(
                    .simRetired(
                        SIMRetired(
                            iccid: iccid, before: sim.status, reason: command.reason, reseller: sim.reseller,
                            group: sim.group, subscriber: nil)))
            }
        }
        return Decision(events: events)
    }
}

extension SIMRecord {
    /// "BOOKIN", "RESERVED for reseller Talk_Mail", "ALLOCATED to group AC_Internal", ...
    var holderDescription: String {
        switch status {
        case .bookin: "BOOKIN"
        case .reserved: "RESERVED for reseller \(reseller?.rawValue ?? "?")"
        case .allocated: "ALLOCATED to group \(group?.rawValue ?? "?")"
        case .active: "ACTIVE for subscriber \(subscriber?.rawValue ?? "?")"
        case .retired: "RETIRED"
        }
    }

    /// What would bring the SIM back to stock, for a reserve that found it elsewhere.
    var wayBackToStock: String {
        switch status {
        case .bookin: "it is in stock."
        case .reserved: "unreserve it first (sims unreserve)."
        case .allocated: "unallocate and unreserve it first."
        case .active: "it is in use; terminating the subscriber retires it."
        case .retired: "retired SIMs are never reused."
        }
    }
}

extension Decider {
    /// `requireDistinct` for ICCIDs, without hashing a million strings: an ICCID is at
    /// most 20 digits starting with 89 (no leading zero), so its numeric value names it.
    /// A shipment in increasing order (the usual case) is one pass; otherwise the values
    /// are sorted; only when a repeat exists does the generic check run, to name the
    /// first one in the order given.
    func requireDistinctICCIDs(of sims: [SIMBookIn], command: String) throws(Rejection) {
        guard !sims.isEmpty else { throw .malformed("\(command) needs at least one ICCID.") }
        // A shipment's ICCIDs usually come in increasing order: one pass, no array.
        var last: UInt128?
        var increasing = true
        // Over the array by index: through a generic collection of ICCIDs the loop was
        // not specialized and asked for type metadata at every element (0.27 s a million).
        for index in sims.indices {
            let value = sims[index].iccid.numericValue
            if let last, value <= last {
                increasing = false
                break
            }
            last = value
        }
        if increasing { return }
        var values: [UInt128] = []
        values.reserveCapacity(sims.count)
        for index in sims.indices { values.append(sims[index].iccid.numericValue) }
        values.sort()
        var repeated = false
        for index in values.indices.dropFirst() where values[index] == values[index - 1] {
            repeated = true
            break
        }
        if repeated { try requireDistinct(sims.map(\.iccid), what: "ICCID", command: command) }
    }
}

extension ICCID {
    /// The digits as a number: distinct ICCIDs have distinct values (they start with 8).
    var numericValue: UInt128 {
        var value: UInt128 = 0
        var digits = rawValue
        digits.withUTF8 { bytes in
            for byte in bytes { value = value &* 10 &+ UInt128(byte &- 0x30) }
        }
        return value
    }
}
