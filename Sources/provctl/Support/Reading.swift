import Engine
import FoundationEssentials
import Provisioning
import ReadModels

/// A read command's run: the live read models, or with `--at` the state at a past
/// point, and what the acting user (if named) may see.
struct Reading {
    let session: Session

    init(_ global: GlobalOptions) {
        session = Session(global)
    }

    struct Context {
        var position: UInt64
        var time: Timestamp
        var visibility: Visibility
    }

    /// Runs `body` on the whole state (live, or replayed in memory for `--at`) and prints its result.
    /// With `itemTags`, a past point is folded from those tags' events only (one item's history);
    /// with `kinds`, from the records of those kinds only (a listing of SIMs, numbers or subscribers).
    func show(
        itemTags: [String]? = nil, kinds: RecordKinds? = nil,
        _ body: (any InventoryView, Context) throws -> (TextTable, JSONValue)
    ) throws {
        try session.run {
            let (table, document) = try view(itemTags: itemTags, kinds: kinds) { view, context in
                try body(view, context)
            }
            Output(json: session.global.json).print(table: table, document: document)
        }
    }

    /// A listing: `items` found in the view, printed as a table (`row`) or, with
    /// --json, as an array (`document`). A listing may hold millions of items: the
    /// rows and documents are made one at a time and written a buffer at a time (the
    /// table's rows twice, first to size its columns), after the read transaction
    /// has ended, so neither the whole output nor a slow reader of it is held.
    func showList<Item>(
        kinds: RecordKinds? = nil, headers: [String], _ items: (any InventoryView, Context) throws -> [Item],
        row: (Item, Context) -> [String], document: (Item, Context) -> JSONValue
    ) throws {
        let json = session.global.json
        try session.run {
            let (found, context) = try view(kinds: kinds) { view, context in (try items(view, context), context) }
            if json {
                try withoutActuallyEscaping(document) { document in
                    try JSONValue.writePrettyArray(found.lazy.map { document($0, context) })
                }
                return
            }
            var table = StreamedTable(headers)
            for item in found { table.measure(row(item, context)) }
            try table.write { emit in
                for item in found { try emit(row(item, context)) }
            }
        }
    }

    func view<T>(
        itemTags: [String]? = nil, kinds: RecordKinds? = nil, _ body: (any InventoryView, Context) throws -> T
    ) throws -> T {
        let engine = try session.openEngine()
        if let at = session.global.at {
            let point = try HistoryPoint(parsing: at)
            let resolved = try engine.resolve(point)
            let state: any InventoryView =
                if let itemTags {
                    try engine.state(of: itemTags, at: resolved.position)
                } else if let kinds {
                    try engine.pastRecords(kinds, at: resolved.position)
                } else {
                    try engine.state(at: resolved.position)
                }
            // Who may see what is decided on the user as it is now: a past view does
            // not give back rights a user has lost.
            let visibility = try engine.read(now: session.now) { live, _ in try Visibility(session.readingActor(live)) }
            return try body(state, Context(position: resolved.position, time: resolved.time, visibility: visibility))
        }
        return try engine.read(now: session.now) { live, context in
            let visibility = try Visibility(session.readingActor(live))
            return try body(live, Context(position: context.position, time: context.time, visibility: visibility))
        }
    }
}

/// What the acting user may read: the domain's read rules (`Permissions.canRead`),
/// applied to each item a read command shows. With no `--as`, the store owner
/// (whoever can open the files) reads everything.
struct Visibility {
    let actor: Actor?

    init(_ actor: Actor?) {
        self.actor = actor
    }

    func may(_ subject: ReadSubject) -> Bool {
        actor.map { Permissions.canRead($0, subject) } ?? true
    }

    func mayRead(reseller name: Name) -> Bool { may(.level(.reseller(name))) }

    func mayRead(group: Name, ofReseller owner: Name) -> Bool { may(.level(.group(group, reseller: owner))) }

    /// A SIM belongs to its group, else its reseller, else the distributor's stock.
    func mayRead(_ sim: SIMRecord) -> Bool {
        switch (sim.group, sim.reseller) {
        case (let group?, let reseller?): may(.level(.group(group, reseller: reseller)))
        case (nil, let reseller?): may(.level(.reseller(reseller)))
        default: may(.store)
        }
    }

    /// A number belongs to its reseller; an assigned one also to its subscriber's group.
    func mayRead(_ number: NumberRecord, subscriberGroup: Name?) -> Bool {
        if let group = subscriberGroup, may(.level(.group(group, reseller: number.reseller))) { return true }
        return may(.level(.reseller(number.reseller)))
    }

    func mayRead(_ subscriber: SubscriberRecord) -> Bool {
        may(.subscribers(.group(subscriber.group, reseller: subscriber.reseller)))
    }

    /// A user is seen by those who may read the level it belongs to.
    func mayRead(_ user: UserRecord) -> Bool {
        if let group = user.groups.first, let reseller = user.reseller {
            return may(.level(.group(group, reseller: reseller)))
        }
        if let reseller = user.reseller { return may(.level(.reseller(reseller))) }
        return may(.store)
    }
}

/// The log tools under `--as`: the log, an export and the store's statistics show every
/// reseller's items, so only a distributor user may read them; an audit shows one item's
/// history, so the user must be able to see that item now. Without `--as`, the store's
/// owner (whoever can open the files) reads everything, as with every read.
enum LogAccess {
    static func requireWholeStore(_ session: Session, engine: ProvisioningEngine, command: String) throws {
        guard session.global.username != nil else { return }
        try engine.read(now: session.now) { live, _ in
            guard let actor = try session.readingActor(live), actor.role != .distributor else { return }
            throw Failure(
                code: Failure.forbidden,
                "User \(actor.username) (\(actor.role.rawValue)) may not read \(command): it shows the whole store; only a distributor user may, or run it without --as as the store's owner.")
        }
    }

    static func requireVisible(_ subject: AuditSubject, _ session: Session, engine: ProvisioningEngine) throws {
        guard session.global.username != nil else { return }
        try engine.read(now: session.now) { live, _ in
            guard let actor = try session.readingActor(live), actor.role != .distributor else { return }
            let visibility = Visibility(actor)
            let (visible, what): (Bool, String) =
                switch subject {
                case .sim(let iccid): (live.sim(iccid).map(visibility.mayRead) ?? false, "SIM \(iccid)")
                case .number(let number):
                    (live.number(number).map { record in
                        visibility.mayRead(record, subscriberGroup: record.subscriber.flatMap { live.subscriber($0)?.group })
                    } ?? false, "number \(number)")
                case .subscriber(let subUID): (live.subscriber(subUID).map(visibility.mayRead) ?? false, "subscriber \(subUID)")
                case .group(let name):
                    (live.group(name).map { visibility.mayRead(group: $0.name, ofReseller: $0.reseller) } ?? false, "group \(name)")
                case .reseller(let name): (live.reseller(name) != nil && visibility.mayRead(reseller: name), "reseller \(name)")
                case .user(let username): (username == actor.username, "the changes of user \(username)")
                }
            guard visible else {
                throw Failure(
                    code: Failure.forbidden,
                    "User \(actor.username) (\(actor.role.rawValue)) may not see the audit of \(what): it is outside its scope.")
            }
        }
    }
}

extension Reading {
    /// A name given to narrow a listing or a view (`--reseller`, `--group`), checked as
    /// a new one would be: a name that cannot exist is refused with the option named,
    /// rather than answered with an empty list.
    static func name(_ value: String, option: String) throws -> Name {
        do {
            return try Name(value)
        } catch let error as Provisioning.ValidationError {
            throw Failure(code: Failure.malformed, "\(error) (option \(option)).")
        }
    }

    static func name(_ value: String?, option: String) throws -> Name? {
        try value.map { try name($0, option: option) }
    }
}
