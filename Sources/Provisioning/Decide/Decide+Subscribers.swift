// Subscribers (guide 12-13): the wizard, later changes, termination.
extension Decider {
    func provisionSubscriber(_ command: ProvisionSubscriber) throws(Rejection) -> Decision {
        let group = try group(command.group)
        try permit(.manageSubscribers, on: group.scope)
        if let existing = state.subscriber(named: command.name, inGroup: group.name),
            state.subscriber(existing)?.status == .provisioned
        {
            throw .rule(
                "Group \(group.name) already has a subscriber named \(command.name) (\(existing)): subscriber names are unique within a group; choose another.")
        }
        guard group.homeLocations.contains(command.homeLocation) else {
            throw .rule(
                "Home location \(command.homeLocation) is not among those of group \(group.name) (\(group.homeLocations.map(\.rawValue).joined(separator: ","))): choose one of them.")
        }
        let bundle = try bundleFor(group, given: command.bundle, homeLocation: command.homeLocation)
        let roamingPolicy = try roamingPolicyFor(group, given: command.roamingPolicy)
        let networkProfile = try networkProfileFor(group, given: command.networkProfile)
        let pbx = try pbxSettings(command, group: group)
        let sim = try simFor(group, given: command.sim, form: command.form)
        let number = try numberFor(group, command.number)

        let subUID = ids.nextSubUID
        guard state.subscriber(subUID) == nil else {
            throw .rule("SubUID \(subUID) is already taken: the engine must derive a new one from the log position.")
        }
        var secrets: [SecretToStore] = []
        var pbxSettings = pbx
        if let password = command.pbxPassword {
            let reference = PBXSettings.passwordReference(for: subUID)
            pbxSettings?.passwordReference = reference
            secrets.append(SecretToStore(reference: reference, value: password.bytes))
        }
        let provisioned = SubscriberProvisioned(
            subUID: subUID, name: command.name, group: group.name, reseller: group.reseller,
            homeLocation: command.homeLocation, firstName: command.firstName, lastName: command.lastName,
            email: command.email, description: command.description, bundle: bundle, billingID: command.billingID,
            simForm: sim.form, simType: sim.simType, iccid: sim.iccid, networkProfile: networkProfile,
            number: number.number, roamingPolicy: roamingPolicy, pbx: pbxSettings, features: command.features,
            provisionedAt: now)
        // `subscriber.provisioned` comes first: the SubUID is derived from its position.
        return Decision(
            events: [
                .subscriberProvisioned(provisioned),
                .simActivated(
                    SIMActivated(
                        iccid: sim.iccid, before: sim.status, reseller: group.reseller, group: group.name,
                        subscriber: subUID)),
                .numberAssigned(
                    NumberAssigned(number: number.number, reseller: group.reseller, group: group.name, subscriber: subUID)),
            ],
            secrets: secrets)
    }

    func changeSubscriber(_ command: ChangeSubscriber) throws(Rejection) -> Decision {
        let subscriber = try subscriber(command.subUID)
        try permit(.manageSubscribers, on: subscriber.scope)
        try requireNotTerminated(subscriber)
        guard !command.features.isEmpty || command.bundle != nil || command.roamingPolicy != nil else {
            throw .malformed(
                "subscriber set needs something to change: --voice, --data, --messaging, --hotspot, --bundle or --roaming-policy.")
        }
        let group = try group(subscriber.group)
        var events: [ProvisioningEvent] = []
        let features = command.features.applied(to: subscriber.features)
        if features != subscriber.features {
            events.append(
                .subscriberFeaturesChanged(
                    SubscriberFeaturesChanged(
                        subUID: subscriber.subUID, group: subscriber.group, reseller: subscriber.reseller,
                        before: subscriber.features, after: features)))
        }
        if let requested = command.bundle, requested != subscriber.bundle {
            let bundle = try bundleFor(group, given: requested, homeLocation: subscriber.homeLocation)
            events.append(
                .subscriberBundleChanged(
                    SubscriberBundleChanged(
                        subUID: subscriber.subUID, group: subscriber.group, reseller: subscriber.reseller,
                        before: subscriber.bundle, after: bundle)))
        }
        if let requested = command.roamingPolicy, requested != subscriber.roamingPolicy {
            let policy = try roamingPolicyFor(group, given: requested)
            events.append(
                .subscriberRoamingPolicyChanged(
                    SubscriberRoamingPolicyChanged(
                        subUID: subscriber.subUID, group: subscriber.group, reseller: subscriber.reseller,
                        before: subscriber.roamingPolicy, after: policy)))
        }
        return Decision(events: events)
    }

    /// Terminates a subscriber, retires its SIM and quarantines its number, in one decision.
    func terminateSubscriber(_ command: TerminateSubscriber) throws(Rejection) -> Decision {
        let subscriber = try subscriber(command.subUID)
        try permit(.manageSubscribers, on: subscriber.scope)
        try requireNotTerminated(subscriber)
        if command.reason == .other, command.note == nil {
            throw .malformed(
                "Termination reason other needs a note saying why: give --note for subscriber \(subscriber.subUID).")
        }
        var events: [ProvisioningEvent] = [
            .subscriberTerminated(
                SubscriberTerminated(
                    subUID: subscriber.subUID, name: subscriber.name, group: subscriber.group,
                    reseller: subscriber.reseller, reason: command.reason, note: command.note, iccid: subscriber.iccid,
                    number: subscriber.number, terminatedAt: now))
        ]
        if let sim = state.sim(subscriber.iccid), sim.status == .active, sim.subscriber == subscriber.subUID {
            events.append(
                .simRetired(
                    SIMRetired(
                        iccid: sim.iccid, before: .active, reason: .subscriberTerminated, reseller: sim.reseller,
                        group: sim.group, subscriber: subscriber.subUID)))
        }
        if let number = state.number(subscriber.number), number.storedStatus == .assigned,
            number.subscriber == subscriber.subUID
        {
            events.append(
                .numberQuarantined(
                    NumberQuarantined(
                        number: number.number, reseller: number.reseller, group: subscriber.group,
                        subscriber: subscriber.subUID, until: now.adding(days: distributor.numberQuarantineDays))))
        }
        return Decision(events: events)
    }

    private func requireNotTerminated(_ subscriber: SubscriberRecord) throws(Rejection) {
        if subscriber.status == .terminated {
            let when = subscriber.termination.map { " on \($0.at.iso8601)" } ?? ""
            throw .rule(
                "Subscriber \(subscriber.subUID) (\(subscriber.name)) was terminated\(when): a terminated subscriber cannot be changed; provision a new one.")
        }
    }

    // MARK: What the wizard picks

    /// The bundle given, or the group's default; offered to the group and for the home location.
    private func bundleFor(
        _ group: GroupRecord, given: CatalogCode?, homeLocation: CountryCode
    ) throws(Rejection) -> CatalogCode {
        guard let code = given ?? group.catalog.defaultBundle else {
            throw .rule(
                "No bundle was given and group \(group.name) has no default bundle: give --bundle, or set one with bundles default --group \(group.name).")
        }
        guard let bundle = state.bundle(code) else {
            throw .notFound("Bundle \(code) does not exist: check the code (bundle list shows them).")
        }
        guard state.groupOffers(group, .bundles, code) else {
            throw .rule(
                "Bundle \(code) is not available to group \(group.name): choose one of its bundles, or assign it with bundles assign --group \(group.name).")
        }
        guard bundle.homeLocation.covers(homeLocation) else {
            throw .rule(
                "Bundle \(code) is for home location \(bundle.homeLocation), not \(homeLocation): choose a bundle for \(homeLocation).")
        }
        return code
    }

    private func roamingPolicyFor(_ group: GroupRecord, given: CatalogCode?) throws(Rejection) -> CatalogCode {
        guard let name = given ?? group.catalog.defaultRoamingPolicy else {
            throw .rule(
                "No roaming policy was given and group \(group.name) has no default roaming policy: give --roaming-policy, or set one with roaming-policies default --group \(group.name).")
        }
        guard state.roamingPolicy(name) != nil else {
            throw .notFound("Roaming policy \(name) does not exist: check the name (roaming-policy list shows them).")
        }
        guard state.groupOffers(group, .roamingPolicies, name) else {
            throw .rule(
                "Roaming policy \(name) is not available to group \(group.name): choose one of its policies, or assign it with roaming-policies assign --group \(group.name).")
        }
        return name
    }

    /// The network profile given, or the group's default, or none when the group has no default.
    private func networkProfileFor(_ group: GroupRecord, given: CatalogCode?) throws(Rejection) -> CatalogCode? {
        guard let name = given ?? group.catalog.defaultNetworkProfile else { return nil }
        guard state.networkProfile(name) != nil else {
            throw .notFound("Network profile \(name) does not exist: check the name (network-profile list shows them).")
        }
        guard group.catalog.networkProfiles.contains(name) else {
            throw .rule(
                "Network profile \(name) is not assigned to group \(group.name): network profiles are never inherited; assign it with network-profiles assign --group \(group.name).")
        }
        return name
    }

    private func pbxSettings(_ command: ProvisionSubscriber, group: GroupRecord) throws(Rejection) -> PBXSettings? {
        guard let name = command.pbx else {
            let pbxOnly = [
                command.extensionNumber != nil ? "--extension" : nil,
                command.businessNumber != nil ? "--business-number" : nil,
                command.sipUser != nil ? "--sip-user" : nil, command.pbxUsername != nil ? "--pbx-username" : nil,
                command.pbxPassword != nil ? "--pbx-password" : nil,
            ].compactMap { $0 }
            if let first = pbxOnly.first {
                throw .malformed("\(first) belongs to a PBX line: give --pbx too, or drop \(first).")
            }
            return nil
        }
        guard state.pbx(name) != nil else {
            throw .notFound("PBX \(name) does not exist: check the name (pbx list shows them).")
        }
        let ucLink = CatalogCode(unchecked: ProductRecord.ucLinkCode)
        guard state.groupOffers(group, .products, ucLink) else {
            throw .rule(
                "PBX \(name) needs the UC Link product (\(ucLink)) available to group \(group.name): assign it with products assign --group \(group.name) \(ucLink).")
        }
        if let password = command.pbxPassword, password.bytes.isEmpty {
            throw .malformed("The PBX password is empty: give the password, or none.")
        }
        return PBXSettings(
            pbx: name, extensionNumber: command.extensionNumber, businessNumber: command.businessNumber,
            sipUser: command.sipUser, username: command.pbxUsername)
    }

    /// The SIM named, if the group may use it, or the next available one.
    private func simFor(_ group: GroupRecord, given: ICCID?, form: SIMForm) throws(Rejection) -> SIMRecord {
        guard let iccid = given else {
            guard let next = group.nextAvailableSIM(in: state, form: form), let sim = state.sim(next) else {
                let orReserve = group.limitSIMAccess ? "" : ", or reserve one for reseller \(group.reseller)"
                throw .rule(
                    "No \(form.spoken) is available to group \(group.name): allocate one to it (sims allocate --group \(group.name))\(orReserve).")
            }
            return sim
        }
        let sim = try sim(iccid)
        guard sim.form == form else {
            throw .rule(
                "SIM \(iccid) is a \(sim.form.spoken), not a \(form.spoken): give --form \(sim.form.rawValue) or another SIM.")
        }
        if let holder = sim.reseller, holder != group.reseller || (sim.group != nil && sim.group != group.name) {
            try requireReach(sim.group.map { .group($0, reseller: holder) } ?? .reseller(holder), for: "SIM \(iccid)")
        }
        switch sim.status {
        case .allocated where sim.group == group.name:
            return sim
        case .reserved where sim.reseller == group.reseller:
            guard !group.limitSIMAccess else {
                throw .rule(
                    "Group \(group.name) limits SIM access and SIM \(iccid) is only reserved for reseller \(group.reseller): allocate it to the group first (sims allocate --group \(group.name) \(iccid)).")
            }
            return sim
        case .allocated:
            throw .rule(
                "SIM \(iccid) is allocated to group \(sim.group?.rawValue ?? "?"), not \(group.name): choose a SIM of group \(group.name).")
        case .reserved:
            throw .rule(
                "SIM \(iccid) is reserved for reseller \(sim.reseller?.rawValue ?? "?"), not \(group.reseller): choose a SIM of reseller \(group.reseller).")
        case .bookin:
            throw .rule(
                "SIM \(iccid) is BOOKIN: reserve it for reseller \(group.reseller) and allocate it to group \(group.name) first.")
        case .active, .retired:
            throw .rule("SIM \(iccid) is \(sim.holderDescription): choose an available SIM.")
        }
    }

    private func numberFor(_ group: GroupRecord, _ phoneNumber: PhoneNumber) throws(Rejection) -> NumberRecord {
        let number = try number(phoneNumber)
        if number.reseller != group.reseller { try requireReach(.reseller(number.reseller), for: "number \(phoneNumber)") }
        guard number.reseller == group.reseller else {
            throw .rule(
                "Number \(phoneNumber) belongs to reseller \(number.reseller), not \(group.reseller), the reseller of group \(group.name): choose one of its numbers.")
        }
        switch number.status(at: now) {
        case .available:
            return number
        case .assigned:
            throw .rule(
                "Number \(phoneNumber) is ASSIGNED to subscriber \(number.subscriber?.rawValue ?? "?"): choose an AVAILABLE number.")
        case .quarantined:
            throw .rule(
                "Number \(phoneNumber) is QUARANTINED until \(number.quarantinedUntil?.iso8601 ?? "?"): choose another, or release it early with numbers release.")
        }
    }
}

extension GroupRecord {
    func nextAvailableSIM(in state: some StateReader, form: SIMForm) -> ICCID? {
        state.nextAvailableSIM(forGroup: self, form: form)
    }
}
