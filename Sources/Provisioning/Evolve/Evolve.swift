/// Writes the effect of one recorded event into a store: THE one place where each
/// event's effect is written, for the Engine's LMDB read models and for the
/// in-memory state of time travel and tests alike.
///
/// Total: the event already happened, so `evolve` never validates and never
/// refuses. An event that refers to something the store does not hold (which a
/// log written by `decide` never does) is ignored rather than invented. The only
/// failure is the store's own (`S.StoreFailure`, `Never` in memory).
///
/// Inlinable so that each store's module specializes it for its own store: a
/// rebuild folds ten million events through it, and the unspecialized form reached
/// the store through witness tables, its closures and failure type through metadata.
@inlinable
public func evolve<S: StateStore>(_ event: ProvisioningEvent, into store: inout S) throws(S.StoreFailure) {
    switch event {
    case .storeInitialized(let event):
        try store.putDistributor(
            DistributorRecord(
                name: event.distributor, homeLocations: event.homeLocations, country: event.country,
                address: event.address, numberQuarantineDays: event.numberQuarantineDays))
    case .settingsChanged(let event):
        guard var distributor = store.distributor() else { return }
        distributor.numberQuarantineDays = event.numberQuarantineDays
        distributor.smdpAddress = event.smdpAddress
        try store.putDistributor(distributor)
    case .userAdded(let event):
        try store.putUser(
            UserRecord(
                username: event.username, name: event.name, email: event.email, role: event.role,
                reseller: event.reseller, groups: event.groups))

    case .pbxAdded(let event):
        try store.putPBX(
            PBXRecord(
                name: event.name, type: event.type, homeLocation: event.homeLocation, country: event.country,
                domain: event.domain, emergencyCallback: event.emergencyCallback,
                voicemailDeposit: event.voicemailDeposit, voicemailRetrieval: event.voicemailRetrieval))
    case .productDefined(let event):
        try store.putProduct(ProductRecord(code: event.code, name: event.name, type: event.type))
    case .bundleDefined(let event):
        try store.putBundle(
            BundleRecord(
                code: event.code, name: event.name, description: event.description, type: event.type,
                homeLocation: event.homeLocation))
    case .roamingPolicyDefined(let event):
        try store.putRoamingPolicy(
            RoamingPolicyRecord(
                name: event.name, description: event.description, type: event.type, homeLocation: event.homeLocation))
    case .networkProfileDefined(let event):
        try store.putNetworkProfile(NetworkProfileRecord(name: event.name, spn: event.spn))

    case .resellerCreated(let event):
        try store.putReseller(
            ResellerRecord(
                name: event.name, description: event.description, homeLocations: event.homeLocations,
                country: event.country, address: event.address,
                catalog: CatalogChoices(inheritConfiguration: event.inheritConfiguration)))
    case .groupCreated(let event):
        try store.putGroup(
            GroupRecord(
                name: event.name, reseller: event.reseller, description: event.description, domain: event.domain,
                enterpriseNumber: event.enterpriseNumber, homeLocations: event.homeLocations,
                limitSIMAccess: event.limitSIMAccess,
                catalog: CatalogChoices(inheritConfiguration: event.inheritConfiguration)))
    case .groupSIMAccessChanged(let event):
        guard var group = store.group(event.group) else { return }
        group.limitSIMAccess = event.limitSIMAccess
        try store.putGroup(group)
    case .catalogAssigned(let event):
        try updateCatalog(of: event.level, in: &store) { $0.setSelection(event.after, for: event.kind) }
    case .catalogDefaultSet(let event):
        try updateCatalog(of: event.level, in: &store) { $0.setDefault(event.after, for: event.kind) }
    case .catalogDefaultCleared(let event):
        try updateCatalog(of: event.level, in: &store) { choices in
            if choices.defaultItem(event.kind) == event.item { choices.setDefault(nil, for: event.kind) }
        }
    case .brandingChanged(let event):
        guard var reseller = store.reseller(event.reseller) else { return }
        if let productName = event.productName { reseller.branding.productName = productName }
        if let supportEmail = event.supportEmail { reseller.branding.supportEmail = supportEmail }
        for document in event.documents { reseller.branding.setDocument(document) }
        try store.putReseller(reseller)

    case .simBookedIn(let event):
        try store.insertSIM(
            SIMRecord(
                iccid: event.iccid, simType: event.simType, form: event.form, imsi: event.imsi,
                activation: event.activation))
    case .simReserved(let event):
        try store.modifySIM(event.iccid) { sim in
            sim.status = .reserved
            sim.reseller = event.reseller
            sim.group = nil
        }
    case .simAllocated(let event):
        try store.modifySIM(event.iccid) { sim in
            sim.status = .allocated
            sim.reseller = event.reseller
            sim.group = event.group
        }
    case .simUnallocated(let event):
        try store.modifySIM(event.iccid) { sim in
            sim.status = .reserved
            sim.reseller = event.reseller
            sim.group = nil
        }
    case .simUnreserved(let event):
        try store.modifySIM(event.iccid) { sim in
            sim.status = .bookin
            sim.reseller = nil
            sim.group = nil
        }
    case .simActivated(let event):
        try store.modifySIM(event.iccid) { sim in
            sim.status = .active
            sim.reseller = event.reseller
            sim.group = event.group
            sim.subscriber = event.subscriber
        }
    case .simRetired(let event):
        try store.modifySIM(event.iccid) { sim in
            sim.status = .retired
            sim.retirementReason = event.reason
        }

    case .numberImported(let event):
        try store.putNumber(NumberRecord(number: event.number, reseller: event.reseller))
    case .numberAssigned(let event):
        try store.modifyNumber(event.number) { number in
            number.storedStatus = .assigned
            number.subscriber = event.subscriber
            number.quarantinedUntil = nil
        }
    case .numberQuarantined(let event):
        try store.modifyNumber(event.number) { number in
            number.storedStatus = .quarantined
            number.subscriber = event.subscriber
            number.quarantinedUntil = event.until
        }
    case .numberReleased(let event):
        try store.modifyNumber(event.number) { number in
            number.storedStatus = .available
            number.subscriber = nil
            number.quarantinedUntil = nil
        }

    case .subscriberProvisioned(let event):
        try store.putSubscriber(
            SubscriberRecord(
                subUID: event.subUID, name: event.name, group: event.group, reseller: event.reseller,
                status: .provisioned, homeLocation: event.homeLocation, firstName: event.firstName,
                lastName: event.lastName, email: event.email, description: event.description, bundle: event.bundle,
                billingID: event.billingID, simForm: event.simForm, simType: event.simType, iccid: event.iccid,
                networkProfile: event.networkProfile, number: event.number, roamingPolicy: event.roamingPolicy,
                pbx: event.pbx, features: event.features, provisionedAt: event.provisionedAt))
    case .subscriberFeaturesChanged(let event):
        try store.modifySubscriber(event.subUID) { $0.features = event.after }
    case .subscriberBundleChanged(let event):
        try store.modifySubscriber(event.subUID) { $0.bundle = event.after }
    case .subscriberRoamingPolicyChanged(let event):
        try store.modifySubscriber(event.subUID) { $0.roamingPolicy = event.after }
    case .subscriberTerminated(let event):
        try store.modifySubscriber(event.subUID) { subscriber in
            subscriber.status = .terminated
            subscriber.termination = Termination(reason: event.reason, note: event.note, at: event.terminatedAt)
        }
    }
}

@usableFromInline
func updateCatalog<S: StateStore>(
    of level: CatalogLevel, in store: inout S, _ change: (inout CatalogChoices) -> Void
) throws(S.StoreFailure) {
    switch level {
    case .reseller(let name):
        guard var reseller = store.reseller(name) else { return }
        change(&reseller.catalog)
        try store.putReseller(reseller)
    case .group(let name):
        guard var group = store.group(name) else { return }
        change(&group.catalog)
        try store.putGroup(group)
    }
}
