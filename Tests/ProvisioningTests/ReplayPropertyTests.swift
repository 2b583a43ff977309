import Testing

@testable import Provisioning
import TestSupport

/// A small seeded generator (SplitMix64): the same seed gives the same run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Replay property")
struct ReplayPropertyTests {
    static let iccids = (0..<40).map { iccid("8944530000000\(String(70000 + $0 * 7))") }
    static let numbers = (0..<20).map { phone("4420794600\(String(10 + $0))") }
    static let users = ["mike", "tm", "tmd", "tmv", "multi", "cust", "acr", "accust"]
    static let groups = [W.trial, W.locked, W.acInternal]
    static let resellers = [W.talkMail, W.acReseller]
    static let bundles = [W.usRatecard, W.us2G, W.uk2G]
    static let policies = [W.unrestricted, W.noRoaming]

    /// A random command over a small universe of names, so that commands collide,
    /// many are rejected and many are accepted.
    static func randomCommand(_ rng: inout SplitMix64, state: InMemoryState, step: Int) -> Command {
        func pick<T>(_ items: [T]) -> T { items.randomElement(using: &rng)! }
        func some<T>(_ items: [T]) -> [T] { Array(items.shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng))) }
        let level: CatalogLevel = Bool.random(using: &rng) ? .group(pick(groups)) : .reseller(pick(resellers))
        switch Int.random(in: 0..<19, using: &rng) {
        case 0: return .bookInSIMs(BookInSIMs(sims: some(iccids).map { SIMBookIn(iccid: $0) }, simType: value("MXG-ET085"), form: Int.random(in: 0..<4, using: &rng) == 0 ? .physical : .esim))
        case 1, 2: return .reserveSIMs(ReserveSIMs(reseller: pick(resellers), iccids: some(iccids)))
        case 3, 4: return .allocateSIMs(AllocateSIMs(group: pick(groups), iccids: some(iccids)))
        case 5: return .unallocateSIMs(UnallocateSIMs(iccids: some(iccids)))
        case 6: return .unreserveSIMs(UnreserveSIMs(iccids: some(iccids)))
        case 7: return .retireSIMs(RetireSIMs(iccids: some(iccids), reason: pick(SIMRetirementReason.operatorReasons)))
        case 8: return .importNumbers(ImportNumbers(reseller: pick(resellers), numbers: some(numbers)))
        case 9: return .releaseNumbers(ReleaseNumbers(numbers: some(numbers)))
        case 10, 11, 12:
            return World.provisionAdele(group: pick(groups), number: pick(numbers), sim: Bool.random(using: &rng) ? pick(iccids) : nil, pbx: Bool.random(using: &rng) ? W.teams : nil, bundle: Bool.random(using: &rng) ? pick(bundles) : nil, homeLocation: pick(["USA", "GBR"]), form: Int.random(in: 0..<4, using: &rng) == 0 ? .physical : .esim, name: "S\(step % 7)")
        case 13:
            let subscriber = state.allSubscribers.randomElement(using: &rng)?.subUID ?? subUID("nobody1")
            return .changeSubscriber(ChangeSubscriber(subUID: subscriber, features: FeatureChanges(data: Bool.random(using: &rng)), bundle: Bool.random(using: &rng) ? pick(bundles) : nil, roamingPolicy: Bool.random(using: &rng) ? pick(policies) : nil))
        case 14:
            let subscriber = state.allSubscribers.randomElement(using: &rng)?.subUID ?? subUID("nobody1")
            return .terminateSubscriber(TerminateSubscriber(subUID: subscriber, reason: pick([.contractEnded, .fraud, .nonPayment])))
        case 15: return .assignCatalog(AssignCatalog(kind: pick([.bundles, .roamingPolicies, .products]), level: level, selection: Bool.random(using: &rng) ? .inherit : .explicitSet(some(bundles + policies + [W.ucc]))))
        case 16: return .assignNetworkProfiles(AssignNetworkProfiles(level: level, profiles: some([W.mobileX, W.tangoExt])))
        case 17: return .setDefault(SetCatalogDefault(kind: pick(DefaultKind.allCases), level: level, item: pick(bundles + policies + [W.mobileX, W.tangoExt])))
        default: return .setGroupSIMAccess(SetGroupSIMAccess(group: pick(groups), limitSIMAccess: Bool.random(using: &rng)))
        }
    }

    /// Random commands by random users at advancing times; every accepted
    /// decision's events are evolved into the live state. At the end a state
    /// rebuilt from all the events alone, and from the events after a trip
    /// through the binary codec, equals the live one, and the next-available-SIM
    /// index agrees with a scan of every SIM.
    @Test(arguments: [1 as UInt64, 2, 3])
    func replayingTheEventsRebuildsTheLiveState(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var live = InMemoryState(replaying: World.standard)
        var events = World.standard
        var accepted = 0
        var now = t0
        for step in 0..<3_000 {
            now = now.adding(milliseconds: Int64.random(in: 0...(6 * 3_600_000), using: &rng))
            let command = Self.randomCommand(&rng, state: live, step: step)
            // Half the commands by the distributor, so that enough of them are accepted.
            let username = Bool.random(using: &rng) ? "mike" : Self.users.randomElement(using: &rng)!
            let actor = Actor(live.user(user(username))!)
            guard let decision = try? decide(command, state: live, actor: actor, now: now, ids: engineIDs(at: events.count + 1)) else { continue }
            accepted += 1
            for event in decision.events { evolve(event, into: &live) }
            events += decision.events
        }
        #expect(accepted > 300, "too few accepted commands to mean anything: \(accepted)")
        #expect(InMemoryState(replaying: events) == live)
        let decoded = try events.map { try ProvisioningEvent.decode(wireName: $0.wireName, schemaVersion: $0.schemaVersion, payload: $0.encodedPayload) }
        #expect(InMemoryState(replaying: decoded) == live)

        for group in live.allGroups {
            for form in SIMForm.allCases {
                let allocated = live.allSIMs.filter { $0.status == .allocated && $0.group == group.name && $0.form == form }
                let reserved = live.allSIMs.filter { $0.status == .reserved && $0.reseller == group.reseller && $0.form == form }
                let expected = allocated.first?.iccid ?? (group.limitSIMAccess ? nil : reserved.first?.iccid)
                #expect(live.nextAvailableSIM(forGroup: group, form: form) == expected)
            }
        }
    }

    @Test func theSortedPoolKeepsItsOrderWhateverTheInsertionOrder() {
        var rng = SplitMix64(seed: 7)
        var pool = ChunkedSortedSet<Int>()
        var reference = Set<Int>()
        for _ in 0..<20_000 {
            let value = Int.random(in: 0..<5_000, using: &rng)
            if Bool.random(using: &rng) {
                #expect(pool.insert(value) == reference.insert(value).inserted)
            } else {
                #expect(pool.remove(value) == (reference.remove(value) != nil))
            }
        }
        #expect(pool.sorted == reference.sorted())
        #expect(pool.first == reference.min())
        #expect(pool.count == reference.count)
        var rebuilt = ChunkedSortedSet<Int>()
        for value in reference.sorted().reversed() { rebuilt.insert(value) }
        #expect(rebuilt == pool)
    }
}
