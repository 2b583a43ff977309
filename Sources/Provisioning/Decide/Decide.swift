/// Decides a command against the current state: the events that record it, or
/// the rejection that says why not. Pure: the time and generated ids come in, the
/// state is only read, and nothing is written.
///
/// `actor` is nil only for `init`, which creates the first user. Every other
/// command needs an actor; the Engine builds it from the user record
/// (`StateReader.actor(named:)`).
public func decide(
    _ command: Command, state: some StateReader, actor: Actor?, now: Timestamp, ids: GeneratedIDs
) throws(Rejection) -> Decision {
    let decider = Decider(state: state, actor: actor, now: now, ids: ids)
    if case .initializeStore(let initialize) = command {
        return try decider.initializeStore(initialize)
    }
    guard decider.state.distributor() != nil else {
        throw .rule("The store is not initialized: run init to create the distributor and its first user.")
    }
    guard actor != nil else {
        throw .forbidden("\(command.cliName) needs an acting user: name a Control Panel user with --as.")
    }
    switch command {
    case .initializeStore: fatalError("handled above")
    case .changeSettings(let command): return try decider.changeSettings(command)
    case .addUser(let command): return try decider.addUser(command)
    case .addPBX(let command): return try decider.addPBX(command)
    case .defineProduct(let command): return try decider.defineProduct(command)
    case .defineBundle(let command): return try decider.defineBundle(command)
    case .defineRoamingPolicy(let command): return try decider.defineRoamingPolicy(command)
    case .defineNetworkProfile(let command): return try decider.defineNetworkProfile(command)
    case .createReseller(let command): return try decider.createReseller(command)
    case .createGroup(let command): return try decider.createGroup(command)
    case .setGroupSIMAccess(let command): return try decider.setGroupSIMAccess(command)
    case .assignCatalog(let command): return try decider.assignCatalog(command)
    case .assignNetworkProfiles(let command): return try decider.assignNetworkProfiles(command)
    case .setDefault(let command): return try decider.setDefault(command)
    case .setBranding(let command): return try decider.setBranding(command)
    case .bookInSIMs(let command): return try decider.bookInSIMs(command)
    case .reserveSIMs(let command): return try decider.reserveSIMs(command)
    case .allocateSIMs(let command): return try decider.allocateSIMs(command)
    case .unallocateSIMs(let command): return try decider.unallocateSIMs(command)
    case .unreserveSIMs(let command): return try decider.unreserveSIMs(command)
    case .retireSIMs(let command): return try decider.retireSIMs(command)
    case .importNumbers(let command): return try decider.importNumbers(command)
    case .releaseNumbers(let command): return try decider.releaseNumbers(command)
    case .provisionSubscriber(let command): return try decider.provisionSubscriber(command)
    case .changeSubscriber(let command): return try decider.changeSubscriber(command)
    case .terminateSubscriber(let command): return try decider.terminateSubscriber(command)
    }
}

/// The context of one decision, with the lookups every area shares. Each area's
/// rules are in their own file (`Decide+SIMs.swift`, ...).
struct Decider<State: StateReader> {
    let state: State
    let actor: Actor?
    let now: Timestamp
    let ids: GeneratedIDs

    /// Checks the permission table and returns the actor.
    @discardableResult
    func permit(_ action: Action, on scope: Scope) throws(Rejection) -> Actor {
        guard let actor else {
            throw .forbidden("This change needs an acting user: name a Control Panel user with --as.")
        }
        try Permissions.check(actor, action, on: scope)
        return actor
    }

    /// A named item held outside the acting user's reach is forbidden, and the message
    /// does not say who holds it: a reseller user must not learn another's inventory.
    func requireReach(_ scope: Scope, for item: String) throws(Rejection) {
        guard let actor, !Permissions.reaches(actor, scope) else { return }
        throw .forbidden(
            "\(actor.spoken.capitalizedFirst) may not use \(item): it is outside its scope (\(Permissions.reach(of: actor))).")
    }

    var distributor: DistributorRecord {
        // `decide` checked it before calling any area but `init`.
        state.distributor()!
    }

    func reseller(_ name: Name) throws(Rejection) -> ResellerRecord {
        guard let reseller = state.reseller(name) else {
            throw .notFound("Reseller \(name) does not exist: check the name, or create it with reseller create.")
        }
        return reseller
    }

    func group(_ name: Name) throws(Rejection) -> GroupRecord {
        guard let group = state.group(name) else {
            throw .notFound("Group \(name) does not exist: check the name, or create it with group create.")
        }
        return group
    }

    func sim(_ iccid: ICCID) throws(Rejection) -> SIMRecord {
        guard let sim = state.sim(iccid) else {
            throw .notFound("SIM \(iccid) is not in the inventory: check the ICCID, or book it in with sims bookin.")
        }
        return sim
    }

    func number(_ number: PhoneNumber) throws(Rejection) -> NumberRecord {
        guard let record = state.number(number) else {
            throw .notFound("Number \(number) is not in any inventory: check it, or import it with numbers import.")
        }
        return record
    }

    func subscriber(_ subUID: SubUID) throws(Rejection) -> SubscriberRecord {
        guard let subscriber = state.subscriber(subUID) else {
            throw .notFound("Subscriber \(subUID) does not exist: check the SubUID (subscriber list shows them).")
        }
        return subscriber
    }

    /// The level's scope, after checking that it exists.
    func scope(of level: CatalogLevel) throws(Rejection) -> Scope {
        switch level {
        case .reseller(let name): .reseller(try reseller(name).name)
        case .group(let name): try group(name).scope
        }
    }

    /// A list given to a bulk action: not empty, no item twice (named when it is).
    func requireDistinct<T: Hashable & CustomStringConvertible>(
        _ items: [T], what: String, command: String
    ) throws(Rejection) {
        guard !items.isEmpty else { throw .malformed("\(command) needs at least one \(what).") }
        var seen = Set<T>()
        seen.reserveCapacity(items.count)
        for item in items where !seen.insert(item).inserted {
            throw .malformed("\(what.capitalizedFirst) \(item) is listed twice: give each \(what) once.")
        }
    }
}
