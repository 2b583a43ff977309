import Testing
import WireFormat

@testable import Provisioning

@Suite("SIM inventory")
struct SIMTests {
    let standard = given(World.standard)
    var mike: Actor { standard.actor("mike") }
    let new1 = iccid("894453000000009001")
    let new2 = iccid("894453000000009002")

    @Test func bookInRecordsOneEventPerSIMAndKeepsActivationCodesOutOfTheLog() {
        let code = W.activation
        let command = Command.bookInSIMs(BookInSIMs(sims: [SIMBookIn(iccid: new1, imsi: value("234500000009001"), activationCode: code), SIMBookIn(iccid: new2)], simType: value("MXG-ET085"), form: .esim))
        let when = standard.when(command, as: mike)
        let reference = ActivationReference(secretReference: "esim:894453000000009001", fingerprint: code.fingerprint, smdpAddress: code.smdpAddress)
        when.then([
            .simBookedIn(SIMBookedIn(iccid: new1, simType: value("MXG-ET085"), form: .esim, imsi: value("234500000009001"), activation: reference)),
            .simBookedIn(SIMBookedIn(iccid: new2, simType: value("MXG-ET085"), form: .esim, imsi: nil, activation: nil)),
        ])
        #expect(when.decision?.secrets == [SecretToStore(reference: "esim:894453000000009001", value: Array(code.rawValue.utf8))])
        let payload = when.events[0].encodedPayload
        #expect(!String(decoding: payload, as: UTF8.self).contains(code.matchingID))
        #expect(when.stateAfter.sim(new1)?.status == .bookin)
    }

    @Test func iccidsAreUniqueForeverRetiredIncluded() {
        var history = History(World.standard)
        history.run(.retireSIMs(RetireSIMs(iccids: [W.stock1], reason: .lost)), as: "mike")
        given(history.events).when(.bookInSIMs(BookInSIMs(sims: [SIMBookIn(iccid: new1), SIMBookIn(iccid: W.stock1)], simType: value("MXG-ET085"), form: .esim)), as: mike)
            .thenRejected(.ruleViolation, containing: "SIM 894453000000000100 is already in the inventory (RETIRED)", "unique forever")
    }

    @Test func anICCIDTwiceInOneBatchIsMalformed() {
        standard.when(.bookInSIMs(BookInSIMs(sims: [SIMBookIn(iccid: new1), SIMBookIn(iccid: new1)], simType: value("MXG-ET085"), form: .esim)), as: mike)
            .thenRejected(.malformed, containing: "ICCID 894453000000009001 is listed twice")
        standard.when(.reserveSIMs(ReserveSIMs(reseller: W.talkMail, iccids: [])), as: mike)
            .thenRejected(.malformed, containing: "needs at least one ICCID")
    }

    /// The distinct-ICCID check takes one pass over a batch in increasing order and
    /// sorts any other: a batch out of order is taken when its ICCIDs are distinct, and
    /// a repeat far from its first is named, the first repeated in the order given.
    @Test func aBatchOutOfOrderIsCheckedForRepeatsToo() {
        let shuffled = [9005, 9003, 9001, 9004, 9002].map { iccid("89445300000000\($0)") }
        let bookIn = { (iccids: [ICCID]) in
            Command.bookInSIMs(BookInSIMs(sims: iccids.map { SIMBookIn(iccid: $0) }, simType: value("MXG-ET085"), form: .esim))
        }
        #expect(standard.when(bookIn(shuffled), as: mike).events.count == 5)
        standard.when(bookIn(shuffled + [shuffled[3], shuffled[1]]), as: mike)
            .thenRejected(.malformed, containing: "ICCID 894453000000009004 is listed twice")
        // Increasing until the repeat of the first, at the end.
        standard.when(bookIn([new1, new2, new1]), as: mike)
            .thenRejected(.malformed, containing: "ICCID 894453000000009001 is listed twice")
    }

    @Test func bookInChecksActivationCodesAndIMSIs() {
        standard.when(.bookInSIMs(BookInSIMs(sims: [SIMBookIn(iccid: new1, activationCode: W.activation)], simType: value("MXG-PH001"), form: .physical)), as: mike)
            .thenRejected(.ruleViolation, containing: "activation codes are for eSIMs")
        standard.when(.bookInSIMs(BookInSIMs(sims: [SIMBookIn(iccid: new1, imsi: value("234500000009001")), SIMBookIn(iccid: new2, imsi: value("234500000009001"))], simType: value("MXG-ET085"), form: .esim)), as: mike)
            .thenRejected(.ruleViolation, containing: "IMSI 234500000009001 of SIM 894453000000009002 is already on SIM 894453000000009001")
        var history = History(World.standard)
        history.run(.changeSettings(ChangeSettings(smdpAddress: value("smdp.other.example"))), as: "mike")
        given(history.events).when(.bookInSIMs(BookInSIMs(sims: [SIMBookIn(iccid: new1, activationCode: W.activation)], simType: value("MXG-ET085"), form: .esim)), as: mike)
            .thenRejected(.ruleViolation, containing: "points at SM-DP+ smdp.mobile-x.example, not this store's smdp.other.example")
    }

    @Test func aBulkActionIsAllOrNothingAndNamesTheFirstBadICCID() {
        standard.when(.reserveSIMs(ReserveSIMs(reseller: W.talkMail, iccids: [W.stock1, W.trialSIM1, W.reservedTM1, W.stock2])), as: mike)
            .thenRejected(.ruleViolation, containing: "SIM 894453000000000300 is ALLOCATED to group Trial; only a BOOKIN SIM can be reserved")
        standard.when(.allocateSIMs(AllocateSIMs(group: W.trial, iccids: [W.reservedTM1, iccid("894453000000007777")])), as: mike)
            .thenRejected(.notFound, containing: "SIM 894453000000007777 is not in the inventory")
    }

    @Test func reserveTakesBookinSIMsForOneReseller() {
        standard.when(.reserveSIMs(ReserveSIMs(reseller: W.talkMail, iccids: [W.stock1, W.stock2])), as: mike)
            .then([.simReserved(SIMReserved(iccid: W.stock1, reseller: W.talkMail)), .simReserved(SIMReserved(iccid: W.stock2, reseller: W.talkMail))])
        standard.when(.reserveSIMs(ReserveSIMs(reseller: name("Nobody"), iccids: [W.stock1])), as: mike).thenRejected(.notFound, containing: "Reseller Nobody")
        standard.when(.reserveSIMs(ReserveSIMs(reseller: W.talkMail, iccids: [W.reservedTM1])), as: mike)
            .thenRejected(.ruleViolation, containing: "RESERVED for reseller Talk_Mail", "unreserve it first")
    }

    @Test func allocateTakesReservedSIMsOfTheGroupsOwnReseller() {
        let tm = standard.actor("tm")
        standard.when(.allocateSIMs(AllocateSIMs(group: W.trial, iccids: [W.reservedTM1])), as: tm)
            .then([.simAllocated(SIMAllocated(iccid: W.reservedTM1, reseller: W.talkMail, group: W.trial))])
        standard.when(.allocateSIMs(AllocateSIMs(group: W.trial, iccids: [W.stock1])), as: tm)
            .thenRejected(.ruleViolation, containing: "SIM 894453000000000100 is BOOKIN; only a RESERVED SIM can be allocated: reserve it for reseller Talk_Mail first.")
        standard.when(.allocateSIMs(AllocateSIMs(group: W.acInternal, iccids: [W.reservedTM1])), as: mike)
            .thenRejected(.ruleViolation, containing: "reserved for reseller Talk_Mail, not for AudioCodes_Reseller")
        standard.when(.allocateSIMs(AllocateSIMs(group: W.locked, iccids: [W.trialSIM1])), as: tm)
            .thenRejected(.ruleViolation, containing: "already ALLOCATED to group Trial")
    }

    @Test func unallocateReturnsToTheResellerAndUnreserveToStock() {
        let when = standard.when(.unallocateSIMs(UnallocateSIMs(iccids: [W.trialSIM1])), as: standard.actor("tmd"))
        when.then([.simUnallocated(SIMUnallocated(iccid: W.trialSIM1, reseller: W.talkMail, group: W.trial))])
        #expect(when.stateAfter.sim(W.trialSIM1).map { ($0.status, $0.reseller, $0.group) } ?? (.bookin, nil, nil) == (.reserved, W.talkMail, nil))
        let unreserved = standard.when(.unreserveSIMs(UnreserveSIMs(iccids: [W.reservedTM1])), as: mike)
        unreserved.then([.simUnreserved(SIMUnreserved(iccid: W.reservedTM1, reseller: W.talkMail))])
        #expect(unreserved.stateAfter.sim(W.reservedTM1)?.status == .bookin)
        #expect(unreserved.stateAfter.sim(W.reservedTM1)?.reseller == nil)
        standard.when(.unreserveSIMs(UnreserveSIMs(iccids: [W.trialSIM1])), as: mike)
            .thenRejected(.ruleViolation, containing: "only a RESERVED SIM can be unreserved", "unallocate it first")
        standard.when(.unallocateSIMs(UnallocateSIMs(iccids: [W.reservedTM1])), as: mike)
            .thenRejected(.ruleViolation, containing: "only an ALLOCATED SIM can be unallocated")
    }

    @Test func activeAndRetiredSIMsCannotMove() {
        var history = History(World.withAdele.events)
        history.run(.retireSIMs(RetireSIMs(iccids: [W.stock1], reason: .stolen)), as: "mike")
        let world = given(history.events)
        for command in [
            Command.unallocateSIMs(UnallocateSIMs(iccids: [W.trialSIM1])), .unreserveSIMs(UnreserveSIMs(iccids: [W.trialSIM1])),
            .reserveSIMs(ReserveSIMs(reseller: W.talkMail, iccids: [W.stock1])), .allocateSIMs(AllocateSIMs(group: W.trial, iccids: [W.stock1])),
        ] {
            world.when(command, as: mike).thenRejected(.ruleViolation)
        }
        world.when(.retireSIMs(RetireSIMs(iccids: [W.trialSIM1], reason: .lost)), as: mike)
            .thenRejected(.ruleViolation, containing: "is ACTIVE for subscriber", "terminate the subscriber")
        world.when(.retireSIMs(RetireSIMs(iccids: [W.stock1], reason: .lost)), as: mike)
            .thenRejected(.ruleViolation, containing: "already RETIRED (stolen)")
    }

    @Test func retireTakesSIMsFromStockReserveOrAGroupWithTheirHolder() {
        standard.when(.retireSIMs(RetireSIMs(iccids: [W.stock1, W.reservedTM1, W.trialSIM1], reason: .faulty)), as: mike).then([
            .simRetired(SIMRetired(iccid: W.stock1, before: .bookin, reason: .faulty, reseller: nil, group: nil, subscriber: nil)),
            .simRetired(SIMRetired(iccid: W.reservedTM1, before: .reserved, reason: .faulty, reseller: W.talkMail, group: nil, subscriber: nil)),
            .simRetired(SIMRetired(iccid: W.trialSIM1, before: .allocated, reason: .faulty, reseller: W.talkMail, group: W.trial, subscriber: nil)),
        ])
        standard.when(.retireSIMs(RetireSIMs(iccids: [W.stock1], reason: .subscriberTerminated)), as: mike)
            .thenRejected(.malformed, containing: "lost, stolen or faulty")
    }

    @Test func bookInReserveUnreserveAndRetireAreTheDistributorsAlone() {
        for username in ["tm", "tmd"] {
            let actor = standard.actor(username)
            standard.when(.reserveSIMs(ReserveSIMs(reseller: W.talkMail, iccids: [W.stock1])), as: actor).thenRejected(.forbidden, containing: "may not reserve SIMs")
            standard.when(.unreserveSIMs(UnreserveSIMs(iccids: [W.reservedTM1])), as: actor).thenRejected(.forbidden)
            standard.when(.retireSIMs(RetireSIMs(iccids: [W.reservedTM1], reason: .lost)), as: actor).thenRejected(.forbidden)
        }
    }

    @Test func everySIMEventCarriesItsTransitionAndHolder() {
        let events = World.withAdele.events + given(World.withAdele.events).when(.terminateSubscriber(TerminateSubscriber(subUID: World.withAdele.adele, reason: .contractEnded)), as: mike).thenAccepted()
        let trail = events.filter { $0.tags.contains("sim:894453000000000300") }.compactMap(\.simTransition)
        #expect(trail.map(\.before) == [nil, .bookin, .reserved, .allocated, .active])
        #expect(trail.map(\.after) == [.bookin, .reserved, .allocated, .active, .retired])
        #expect(events.last { $0.wireName == "sim.reserved" }?.summary.contains("(BOOKIN -> RESERVED)") == true)
    }
}
