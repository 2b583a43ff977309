import Testing

@testable import Provisioning

@Suite("Subscribers")
struct SubscriberTests {
    let standard = given(World.standard)
    var mike: Actor { standard.actor("mike") }
    let adele = World.withAdele.adele
    var withAdele: Given { given(World.withAdele.events) }

    @Test func provisioningActivatesTheSIMAndAssignsTheNumberInOneDecision() {
        let subUID = subUID("b016987")
        let when = standard.when(World.provisionAdele(), as: standard.actor("cust"), ids: GeneratedIDs(nextSubUID: subUID))
        when.then([
            .subscriberProvisioned(SubscriberProvisioned(
                subUID: subUID, name: name("AdeleVance"), group: W.trial, reseller: W.talkMail, homeLocation: country("USA"),
                firstName: text("Adele"), lastName: text("Vance"), email: email("AdeleV@M365x17108666.OnMicrosoft.com"),
                description: nil, bundle: W.usRatecard, billingID: nil, simForm: .esim, simType: value("MXG-ET085"),
                iccid: W.trialSIM1, networkProfile: W.mobileX, number: W.number1, roamingPolicy: W.unrestricted, pbx: nil,
                features: Features(voice: true, data: true, messaging: true, hotspot: false), provisionedAt: t0)),
            .simActivated(SIMActivated(iccid: W.trialSIM1, before: .allocated, reseller: W.talkMail, group: W.trial, subscriber: subUID)),
            .numberAssigned(NumberAssigned(number: W.number1, reseller: W.talkMail, group: W.trial, subscriber: subUID)),
        ])
        let after = when.stateAfter
        #expect(after.sim(W.trialSIM1)?.status == .active)
        #expect(after.number(W.number1)?.storedStatus == .assigned)
        #expect(after.subscriber(subUID)?.status == .provisioned)
    }

    @Test func theSubUIDIsDerivedFromTheLogPositionOfTheProvisioningEvent() {
        let events = standard.when(World.provisionAdele(), as: mike).thenAccepted()
        guard case .subscriberProvisioned(let provisioned) = events.first else { Issue.record("not first"); return }
        #expect(provisioned.subUID == SubUID.generate(fromPosition: UInt64(World.standard.count + 1)))
    }

    @Test func thePBXPasswordLeavesAsASecretAndTheEventHoldsOnlyItsReference() {
        let password = SecretBytes(utf8: "Hunter2-but-longer")
        let when = standard.when(World.provisionAdele(pbx: W.teams, password: password), as: mike, ids: GeneratedIDs(nextSubUID: subUID("b016987")))
        #expect(when.decision?.secrets == [SecretToStore(reference: "pbx-password:b016987", value: password.bytes)])
        guard case .subscriberProvisioned(let provisioned) = when.events.first else { Issue.record("not provisioned"); return }
        #expect(provisioned.pbx?.passwordReference == "pbx-password:b016987")
        #expect(!String(decoding: when.events[0].encodedPayload, as: UTF8.self).contains("Hunter2"))
        #expect(!String(describing: password).contains("Hunter2"))
    }

    @Test func subscriberNamesAreUniqueWithinAGroup() {
        withAdele.when(World.provisionAdele(number: W.number2), as: mike)
            .thenRejected(.ruleViolation, containing: "Group Trial already has a subscriber named AdeleVance")
        withAdele.when(World.provisionAdele(group: W.acInternal, number: W.acNumber), as: mike).thenAccepted()
    }

    @Test func theHomeLocationIsAmongTheGroupsAndTheBundleMatchesIt() {
        standard.when(World.provisionAdele(homeLocation: "GBR"), as: mike)
            .thenRejected(.ruleViolation, containing: "Home location GBR is not among those of group Trial (USA)")
        standard.when(World.provisionAdele(bundle: W.uk2G), as: mike)
            .thenRejected(.ruleViolation, containing: "Bundle BUN-UKN-MX2G is for home location GBR, not USA")
    }

    @Test func theBundleAndRoamingPolicyMustBeAvailableToTheGroup() {
        var history = History(World.standard)
        history.run(.assignCatalog(AssignCatalog(kind: .bundles, level: .group(W.trial), selection: .explicit([W.usRatecard]))), as: "tm")
        given(history.events).when(World.provisionAdele(bundle: W.us2G), as: mike)
            .thenRejected(.ruleViolation, containing: "Bundle BUN-USN-MX2G is not available to group Trial")
        history.run(.assignCatalog(AssignCatalog(kind: .bundles, level: .group(W.trial), selection: .explicit([W.us2G]))), as: "tm")
        given(history.events).when(World.provisionAdele(), as: mike)
            .thenRejected(.ruleViolation, containing: "No bundle was given and group Trial has no default bundle")
        history.run(.assignCatalog(AssignCatalog(kind: .roamingPolicies, level: .group(W.trial), selection: .explicit([W.noRoaming]))), as: "tm")
        given(history.events).when(World.provisionAdele(bundle: W.us2G), as: mike)
            .thenRejected(.ruleViolation, containing: "group Trial has no default roaming policy")
    }

    @Test func aPBXNeedsTheUCLinkProductAvailableToTheGroup() {
        standard.when(World.provisionAdele(pbx: W.teams), as: mike).thenAccepted()
        var history = History(World.standard)
        history.run(.assignCatalog(AssignCatalog(kind: .products, level: .group(W.trial), selection: .explicit([]))), as: "tm")
        given(history.events).when(World.provisionAdele(pbx: W.teams), as: mike)
            .thenRejected(.ruleViolation, containing: "PBX MicrosoftTeams needs the UC Link product (UCC) available to group Trial")
        standard.when(World.provisionAdele(password: SecretBytes(utf8: "secret")), as: mike)
            .thenRejected(.malformed, containing: "--pbx-password belongs to a PBX line")
        standard.when(World.provisionAdele(pbx: code("NoSuchPBX")), as: mike).thenRejected(.notFound, containing: "PBX NoSuchPBX does not exist")
    }

    @Test func theNextAvailableSIMIsTheSmallestAllocatedThenTheSmallestReservedToTheReseller() {
        var history = History(World.standard)
        let picked = { (history: History) -> ICCID? in
            let events = given(history.events).when(World.provisionAdele(number: W.number3, name: "P\(history.events.count)"), as: history.actor("mike")).thenAccepted()
            guard case .simActivated(let activated) = events.dropFirst().first else { return nil }
            return activated.iccid
        }
        #expect(picked(history) == W.trialSIM1)
        history.run(.unallocateSIMs(UnallocateSIMs(iccids: [W.trialSIM1, W.trialSIM2])), as: "tm")
        // No eSIM allocated to Trial: the smallest eSIM reserved to Talk_Mail.
        #expect(picked(history) == W.reservedTM1)
        #expect(history.state.nextAvailableSIM(forGroup: history.state.group(W.trial)!, form: .physical) == W.trialPhysical)
    }

    @Test func aGroupThatLimitsSIMAccessProvisionsOnlyWithItsAllocatedSIMs() {
        standard.when(World.provisionAdele(group: W.locked), as: mike)
            .thenRejected(.ruleViolation, containing: "No eSIM is available to group Locked: allocate one to it (sims allocate --group Locked).")
        standard.when(World.provisionAdele(group: W.locked, sim: W.reservedTM1), as: mike)
            .thenRejected(.ruleViolation, containing: "Group Locked limits SIM access and SIM 894453000000000200 is only reserved")
        standard.when(World.provisionAdele(group: W.trial, sim: W.reservedTM1), as: mike).thenAccepted()
    }

    @Test func theSIMNamedMustBeAvailableToTheGroupAndOfTheForm() {
        standard.when(World.provisionAdele(group: W.locked, sim: W.trialSIM1), as: mike)
            .thenRejected(.ruleViolation, containing: "SIM 894453000000000300 is allocated to group Trial, not Locked")
        standard.when(World.provisionAdele(sim: W.acSIM), as: mike).thenRejected(.ruleViolation, containing: "allocated to group AC_Internal")
        standard.when(World.provisionAdele(sim: W.stock1), as: mike).thenRejected(.ruleViolation, containing: "is BOOKIN: reserve it")
        standard.when(World.provisionAdele(sim: W.trialPhysical), as: mike)
            .thenRejected(.ruleViolation, containing: "is a physical SIM, not a eSIM")
        standard.when(World.provisionAdele(sim: W.trialPhysical, form: .physical), as: mike).thenAccepted()
        withAdele.when(World.provisionAdele(number: W.number2, sim: W.trialSIM1, name: "Bob"), as: mike)
            .thenRejected(.ruleViolation, containing: "is ACTIVE for subscriber")
    }

    @Test func featuresBundleAndRoamingPolicyCanBeChanged() {
        let subscriber = World.withAdele.adele
        withAdele.when(.changeSubscriber(ChangeSubscriber(subUID: subscriber, features: FeatureChanges(messaging: false, hotspot: true), bundle: W.us2G, roamingPolicy: W.noRoaming)), as: withAdele.actor("cust")).then([
            .subscriberFeaturesChanged(SubscriberFeaturesChanged(subUID: subscriber, group: W.trial, reseller: W.talkMail, before: Features(), after: Features(voice: true, data: true, messaging: false, hotspot: true))),
            .subscriberBundleChanged(SubscriberBundleChanged(subUID: subscriber, group: W.trial, reseller: W.talkMail, before: W.usRatecard, after: W.us2G)),
            .subscriberRoamingPolicyChanged(SubscriberRoamingPolicyChanged(subUID: subscriber, group: W.trial, reseller: W.talkMail, before: W.unrestricted, after: W.noRoaming)),
        ])
        withAdele.when(.changeSubscriber(ChangeSubscriber(subUID: subscriber, features: FeatureChanges(voice: true))), as: mike).then([])
        withAdele.when(.changeSubscriber(ChangeSubscriber(subUID: subscriber)), as: mike).thenRejected(.malformed, containing: "needs something to change")
        withAdele.when(.changeSubscriber(ChangeSubscriber(subUID: subscriber, bundle: W.uk2G)), as: mike).thenRejected(.ruleViolation, containing: "for home location GBR")
        withAdele.when(.changeSubscriber(ChangeSubscriber(subUID: subUID("zzz999"), bundle: W.us2G)), as: mike).thenRejected(.notFound, containing: "Subscriber zzz999 does not exist")
    }

    @Test func terminationRetiresTheSIMAndQuarantinesTheNumberInOneDecision() {
        let subscriber = World.withAdele.adele
        withAdele.when(.terminateSubscriber(TerminateSubscriber(subUID: subscriber, reason: .contractEnded)), as: withAdele.actor("tmd"), at: t0.plus(days: 10)).then([
            .subscriberTerminated(SubscriberTerminated(subUID: subscriber, name: name("AdeleVance"), group: W.trial, reseller: W.talkMail, reason: .contractEnded, note: nil, iccid: W.trialSIM1, number: W.number1, terminatedAt: t0.plus(days: 10))),
            .simRetired(SIMRetired(iccid: W.trialSIM1, before: .active, reason: .subscriberTerminated, reseller: W.talkMail, group: W.trial, subscriber: subscriber)),
            .numberQuarantined(NumberQuarantined(number: W.number1, reseller: W.talkMail, group: W.trial, subscriber: subscriber, until: t0.plus(days: 55))),
        ])
    }

    @Test func reasonOtherNeedsANote() {
        withAdele.when(.terminateSubscriber(TerminateSubscriber(subUID: adele, reason: .other)), as: mike)
            .thenRejected(.malformed, containing: "reason other needs a note")
        withAdele.when(.terminateSubscriber(TerminateSubscriber(subUID: adele, reason: .other, note: text("moved abroad"))), as: mike).thenAccepted()
    }

    @Test func aTerminatedSubscriberIsFrozen() {
        var history = History(World.withAdele.events)
        history.run(.terminateSubscriber(TerminateSubscriber(subUID: adele, reason: .fraud)), as: "mike")
        let world = given(history.events)
        world.when(.terminateSubscriber(TerminateSubscriber(subUID: adele, reason: .fraud)), as: mike)
            .thenRejected(.ruleViolation, containing: "was terminated on 2026-01-01", "cannot be changed")
        world.when(.changeSubscriber(ChangeSubscriber(subUID: adele, features: FeatureChanges(data: false))), as: mike)
            .thenRejected(.ruleViolation, containing: "cannot be changed")
        // Its name may be used again in the group once it is terminated.
        world.when(World.provisionAdele(number: W.number2), as: mike).thenAccepted()
    }
}
