import Engine
import Foundation
import Provisioning

/// Builds a benchmark store through the real Engine: every event comes from
/// `ProvisioningEngine.execute` with a real command, so the log, the tag index and the
/// read models agree exactly as they do in production. Deterministic: the seed decides
/// every choice, command ids are numbered and the clock is simulated, so the same
/// shape gives the same chain head on any machine.
///
/// The story (issue 5's store with the default shape, about 10,035,000 events):
/// 1. setup: the distributor, a bundle, a roaming policy, a network profile; each
///    reseller with its network profile and one reseller user; each group with its
///    network profile, bundle and roaming-policy defaults (about 5,000 events);
/// 2. book-in of every SIM, in ICCID order, `batch` a change (1 event a SIM);
/// 3. reserve: a seeded shuffle of the SIMs split evenly between the resellers (1);
/// 4. allocate: each reseller's share split between its groups, one change a group (1);
/// 5. regroup: every SIM unallocated, then allocated to the next group of its reseller (2);
/// 6. rehome: every SIM unallocated, unreserved, reserved for the next reseller and
///    allocated to one of its groups (4);
/// 7. numbers import, one change a reseller;
/// 8. subscribers provisioned one change each, round robin over the groups, each with
///    a SIM of its group and a number of its reseller (3 events a subscriber);
/// 9. `subscriber set` (data off) for `changedPercent` of them (1 event each);
/// 10. termination of `terminatedPercent` of them (3 events: the SIM retired, the
///     number quarantined), then a release of those numbers;
/// 11. `retiredPercent` of all SIMs, among those still in a group, retired as lost or faulty.
public final class StoreGenerator {
    public let shape: StoreShape
    let engine: ProvisioningEngine
    private var random: SeededGenerator
    private var clock: Int64 = 1_735_689_600_000  // 2025-01-01T00:00:00Z
    private var changeCount = 0
    private var phases: [GeneratedStore.Phase] = []
    private let report: (String) -> Void

    let distributorUser = Username(unchecked: "mike")
    let bundle = CatalogCode(unchecked: "BUN-ALL-MX2G")
    let roamingPolicy = CatalogCode(unchecked: "PLCY_RMG_UNRESTRICTED")
    let networkProfile = CatalogCode(unchecked: "Mobile-X")
    let homeLocations = [CountryCode(unchecked: "GBR"), CountryCode(unchecked: "USA")]

    /// Opens (creating) the store at `path` with `noSync`: a generation either
    /// completes or is thrown away, so no change needs its own flush.
    public init(path: String, shape: StoreShape, report: @escaping (String) -> Void = { _ in }) throws {
        self.shape = shape
        self.report = report
        random = SeededGenerator(seed: shape.seed)
        var options = LMDBOptions()
        options.noSync = true
        options.mapSize = 32 << 30
        engine = try ProvisioningEngine(path: path, options: options)
    }

    // MARK: Names

    static func iccid(_ serial: Int) -> ICCID {
        let body = "894453" + padded(serial, 12)
        return ICCID(unchecked: body + String(ICCID.luhnCheckDigit(for: body)))
    }

    static func number(_ index: Int) -> PhoneNumber { PhoneNumber(unchecked: "4477" + padded(index, 8)) }
    func resellerName(_ r: Int) -> Name { Name(unchecked: "Reseller_" + Self.padded(r, 3)) }
    func resellerUser(_ r: Int) -> Username { Username(unchecked: "ops." + Self.padded(r, 3)) }
    func groupName(_ g: Int) -> Name {
        Name(unchecked: "Group_" + Self.padded(g / shape.groupsPerReseller, 3) + "_" + Self.padded(g % shape.groupsPerReseller, 4))
    }
    func resellerOf(group g: Int) -> Int { g / shape.groupsPerReseller }

    static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

        /// A GUID made from the seeded generator, for a group's tenant id.
    func tenantID() -> TenantID {
        func hex(_ value: UInt64, _ digits: Int) -> String {
            let text = String(value & ((1 << (4 * UInt64(digits))) - 1), radix: 16)
            return String(repeating: "0", count: digits - text.count) + text
        }
        let a = random.next()
        let b = random.next()
        return TenantID(unchecked: hex(a >> 32, 8) + "-" + hex(a >> 16, 4) + "-4" + hex(a, 3) + "-8" + hex(b >> 48, 3) + "-" + hex(b, 12))
    }

    // MARK: Changes

    @discardableResult
    func change(_ command: Command, as user: Username?, after milliseconds: Int64 = 1_000) throws -> ChangeOutcome {
        clock += milliseconds
        changeCount += 1
        return try engine.execute(
            command, as: user, options: ChangeOptions(commandID: "gen-\(shape.seed)-\(changeCount)"),
            now: Timestamp(millisecondsSince1970: clock))
    }

    /// Runs `body` as a named phase and records its changes, events and time.
    func phase(_ name: String, _ body: () throws -> Void) throws {
        let changesBefore = changeCount
        let eventsBefore = try engine.log.head().position
        let started = ContinuousClock.now
        let cpuBefore = Self.cpuSeconds()
        try body()
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        let cpu = Self.cpuSeconds() - cpuBefore
        let events = Int(try engine.log.head().position - eventsBefore)
        phases.append(.init(name: name, changes: changeCount - changesBefore, events: events, seconds: seconds, cpuSeconds: cpu))
        report(
            "\(name): \(events) events in \(changeCount - changesBefore) changes, \(String(format: "%.1f", seconds)) s"
                + " (\(Int(Double(events) / max(seconds, 0.001))) events/s), CPU \(String(format: "%.1f", cpu)) s")
        clock += 86_400_000  // a day between phases
    }

    /// User and system CPU time of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
            getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// `items` in consecutive slices of at most `shape.batch`.
    func batches<T>(_ items: [T]) -> [ArraySlice<T>] {
        stride(from: 0, to: items.count, by: shape.batch).map { items[$0..<min($0 + shape.batch, items.count)] }
    }

    /// `count` items split into `parts` nearly equal consecutive ranges.
    static func split(_ count: Int, into parts: Int) -> [Range<Int>] {
        (0..<parts).map { k in (k * count / parts)..<((k + 1) * count / parts) }
    }

    // MARK: The story

    public func run() throws -> GeneratedStore {
        let started = ContinuousClock.now
        let mike = distributorUser
        let iccids = (0..<shape.sims).map(Self.iccid)

        try phase("setup") { try setUp() }

        try phase("sims bookin") {
            for batch in batches(iccids) {
                try change(
                    .bookInSIMs(
                        BookInSIMs(
                            sims: batch.map { SIMBookIn(iccid: $0) }, simType: SIMTypeCode(unchecked: "MXG-ET085"),
                            form: .physical)), as: mike)
            }
        }

        // members[g]: the SIMs (indexes into `iccids`) allocated to group g.
        var shuffled = Array(0..<shape.sims)
        shuffled.shuffle(using: &random)
        var members = [[Int]](repeating: [], count: shape.groups)
        for (r, resellerRange) in Self.split(shape.sims, into: shape.resellers).enumerated() {
            let share = Array(shuffled[resellerRange])
            for (slot, groupRange) in Self.split(share.count, into: shape.groupsPerReseller).enumerated() {
                members[r * shape.groupsPerReseller + slot] = Array(share[groupRange])
            }
        }

        try phase("sims reserve") { try reserve(members, iccids) }
        try phase("sims allocate") { try allocate(members, iccids) }

        // Regroup: every SIM leaves its group for the next group of the same reseller.
        try phase("regroup: sims unallocate") {
            for batch in batches(iccids) { try change(.unallocateSIMs(UnallocateSIMs(iccids: Array(batch))), as: mike) }
        }
        members = (0..<shape.groups).map { g in
            let r = resellerOf(group: g)
            let slot = (g % shape.groupsPerReseller + shape.groupsPerReseller - 1) % shape.groupsPerReseller
            return members[r * shape.groupsPerReseller + slot]
        }
        try phase("regroup: sims allocate") { try allocate(members, iccids) }

        // Rehome: every SIM goes back to stock and on to the next reseller.
        try phase("rehome: sims unallocate") {
            for batch in batches(iccids) { try change(.unallocateSIMs(UnallocateSIMs(iccids: Array(batch))), as: mike) }
        }
        try phase("rehome: sims unreserve") {
            for batch in batches(iccids) { try change(.unreserveSIMs(UnreserveSIMs(iccids: Array(batch))), as: mike) }
        }
        members = (0..<shape.groups).map { g in
            let r = (resellerOf(group: g) + shape.resellers - 1) % shape.resellers
            return members[r * shape.groupsPerReseller + g % shape.groupsPerReseller]
        }
        try phase("rehome: sims reserve") { try reserve(members, iccids) }
        try phase("rehome: sims allocate") { try allocate(members, iccids) }

        // Numbers: reseller r owns the numbers of its range.
        let numberRanges = Self.split(shape.numbers, into: shape.resellers)
        try phase("numbers import") {
            for (r, range) in numberRanges.enumerated() {
                for batch in batches(Array(range)) {
                    try change(
                        .importNumbers(ImportNumbers(reseller: resellerName(r), numbers: batch.map(Self.number))),
                        as: resellerUser(r))
                }
            }
        }

        // Subscribers, round robin over the groups: subscriber k is the (k / groups)-th of group k % groups.
        var subscribers: [(subUID: SubUID, group: Int, sim: Int, number: Int)] = []
        subscribers.reserveCapacity(shape.subscribers)
        var nextNumber = numberRanges.map(\.lowerBound)
        var sampleTime: Int64 = 0
        try phase("subscriber provision") {
            for k in 0..<shape.subscribers {
                let g = k % shape.groups
                let j = k / shape.groups
                let r = resellerOf(group: g)
                let sim = members[g][j]
                let number = nextNumber[r]
                nextNumber[r] += 1
                let outcome = try change(
                    .provisionSubscriber(
                        ProvisionSubscriber(
                            group: groupName(g), name: Name(unchecked: "sub" + String(k)),
                            firstName: DisplayText(unchecked: "First" + String(k)),
                            lastName: DisplayText(unchecked: "Last" + String(k)),
                            email: Email(unchecked: "sub\(k)@example.com"), homeLocation: homeLocations[k % 2],
                            form: .physical, sim: iccids[sim], number: Self.number(number))),
                    as: resellerUser(r), after: 30_000)
                guard case .subscriberProvisioned(let provisioned) = outcome.events.first else {
                    throw GenerationError("subscriber provision \(k) recorded no subscriber.provisioned first")
                }
                subscribers.append((provisioned.subUID, g, sim, number))
                if k + 1 == shape.subscribers / 2 { sampleTime = clock + 1_000 }
            }
        }
        let sample = shape.subscribers / 2 - 1

        var changed = Array(0..<shape.subscribers)
        changed.shuffle(using: &random)
        changed = Array(changed.prefix(shape.subscribers * shape.changedPercent / 100))
        if !changed.contains(sample) { changed[0] = sample }
        try phase("subscriber set") {
            for k in changed.sorted() {
                try change(
                    .changeSubscriber(ChangeSubscriber(subUID: subscribers[k].subUID, features: FeatureChanges(data: false))),
                    as: resellerUser(resellerOf(group: subscribers[k].group)), after: 10_000)
            }
        }

        var terminated = Array(0..<shape.subscribers).filter { $0 != sample }
        terminated.shuffle(using: &random)
        terminated = Array(terminated.prefix(shape.subscribers * shape.terminatedPercent / 100)).sorted()
        try phase("subscriber terminate") {
            for k in terminated {
                try change(
                    .terminateSubscriber(TerminateSubscriber(subUID: subscribers[k].subUID, reason: .contractEnded)),
                    as: resellerUser(resellerOf(group: subscribers[k].group)), after: 10_000)
            }
        }
        try phase("numbers release") {
            for batch in batches(terminated.map { Self.number(subscribers[$0].number) }) {
                try change(.releaseNumbers(ReleaseNumbers(numbers: Array(batch))), as: mike)
            }
        }

        // Retire SIMs still in a group (never given to a subscriber), chosen by the seed.
        let used = shape.subscribers / shape.groups + (shape.subscribers % shape.groups == 0 ? 0 : 1)
        var idle = members.flatMap { $0.dropFirst(used) }
        idle.shuffle(using: &random)
        let retired = Array(idle.prefix(shape.sims * shape.retiredPercent / 100)).sorted()
        try phase("sims retire") {
            for (n, batch) in batches(retired).enumerated() {
                try change(
                    .retireSIMs(RetireSIMs(iccids: batch.map { iccids[$0] }, reason: n % 2 == 0 ? .lost : .faulty)),
                    as: mike)
            }
        }

        try engine.log.environment.sync()
        let head = try engine.log.head()
        return GeneratedStore(
            shape: shape, events: head.position, headHash: head.hash.map { String(format: "%02x", $0) }.joined(),
            seconds: (ContinuousClock.now - started) / .seconds(1), cpuSeconds: Self.cpuSeconds(), phases: phases,
            sampleICCID: iccids[subscribers[sample].sim].rawValue, sampleSubUID: subscribers[sample].subUID.rawValue,
            sampleTime: Timestamp(millisecondsSince1970: sampleTime).iso8601, sampleTimeMilliseconds: sampleTime)
    }

    func setUp() throws {
        let mike = distributorUser
        try change(
            .initializeStore(
                InitializeStore(
                    distributor: Name(unchecked: "Mobilise"), adminUsername: mike,
                    adminName: DisplayText(unchecked: "Mike"), adminEmail: Email(unchecked: "mike@example.com"),
                    homeLocations: homeLocations, country: homeLocations[0])), as: nil)
        try change(.changeSettings(ChangeSettings(numberQuarantineDays: 30)), as: mike)
        try change(
            .defineBundle(
                DefineBundle(code: bundle, name: DisplayText(unchecked: "Unlimited Voice and Text, 2GB Data"), homeLocation: .all)),
            as: mike)
        try change(.defineRoamingPolicy(DefineRoamingPolicy(name: roamingPolicy, homeLocation: .all)), as: mike)
        try change(.defineNetworkProfile(DefineNetworkProfile(name: networkProfile, spn: SPN(unchecked: "Mobile-X"))), as: mike)
        for r in 0..<shape.resellers {
            let reseller = resellerName(r)
            try change(
                .createReseller(
                    CreateReseller(
                        name: reseller, homeLocations: homeLocations, country: homeLocations[0],
                        address: PostalAddress(line1: DisplayText(unchecked: "\(r + 1) Poultry"), city: DisplayText(unchecked: "London")))),
                as: mike)
            try change(.assignNetworkProfiles(AssignNetworkProfiles(level: .reseller(reseller), profiles: [networkProfile])), as: mike)
            try change(.setDefault(SetCatalogDefault(kind: .networkProfile, level: .reseller(reseller), item: networkProfile)), as: mike)
            try change(
                .addUser(
                    AddUser(
                        username: resellerUser(r), name: DisplayText(unchecked: "Operations " + String(r)),
                        email: Email(unchecked: "ops\(r)@example.com"), role: .reseller, reseller: reseller)), as: mike)
        }
        for g in 0..<shape.groups {
            let group = groupName(g)
            let user = resellerUser(resellerOf(group: g))
            try change(
                .createGroup(
                    CreateGroup(name: group, reseller: resellerName(resellerOf(group: g)), domain: tenantID(), homeLocations: homeLocations)),
                as: user)
            try change(.assignNetworkProfiles(AssignNetworkProfiles(level: .group(group), profiles: [networkProfile])), as: user)
            try change(.setDefault(SetCatalogDefault(kind: .networkProfile, level: .group(group), item: networkProfile)), as: user)
            try change(.setDefault(SetCatalogDefault(kind: .bundle, level: .group(group), item: bundle)), as: user)
            try change(.setDefault(SetCatalogDefault(kind: .roamingPolicy, level: .group(group), item: roamingPolicy)), as: user)
        }
    }

    /// Reserves every group's SIMs for the group's reseller, `batch` SIMs a change.
    func reserve(_ members: [[Int]], _ iccids: [ICCID]) throws {
        for r in 0..<shape.resellers {
            let share = members[(r * shape.groupsPerReseller)..<((r + 1) * shape.groupsPerReseller)].flatMap { $0 }
            for batch in batches(share) {
                try change(.reserveSIMs(ReserveSIMs(reseller: resellerName(r), iccids: batch.map { iccids[$0] })), as: distributorUser)
            }
        }
    }

    /// Allocates every group's SIMs to it, one change a group, by the reseller's user.
    func allocate(_ members: [[Int]], _ iccids: [ICCID]) throws {
        for (g, sims) in members.enumerated() {
            try change(.allocateSIMs(AllocateSIMs(group: groupName(g), iccids: sims.map { iccids[$0] })), as: resellerUser(resellerOf(group: g)))
        }
    }
}

public struct GenerationError: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
    init(_ description: String) { self.description = description }
}
