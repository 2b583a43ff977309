import Engine
import Foundation
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
    /// With `itemTags`, a past point is folded from those tags' events only (one item's history).
    func show(itemTags: [String]? = nil, _ body: (any InventoryView, Context) throws -> (TextTable, JSONValue)) throws {
        try session.run {
            let (table, document) = try view(itemTags: itemTags) { view, context in try body(view, context) }
            Output(json: session.global.json).print(table: table, document: document)
        }
    }

    func view<T>(itemTags: [String]? = nil, _ body: (any InventoryView, Context) throws -> T) throws -> T {
        let engine = try session.openEngine()
        if let at = session.global.at {
            let point = try HistoryPoint(parsing: at)
            let resolved = try engine.resolve(point)
            let state =
                if let itemTags {
                    try engine.state(of: itemTags, at: resolved.position)
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

/// What a Control Panel user may read (domain.md, roles): everything for a
/// distributor, its reseller for reseller roles, its groups for customer roles.
/// With no `--as`, the store owner reads everything.
struct Visibility {
    var reseller: Name?
    var groups: [Name]?

    init(_ actor: Actor?) {
        guard let actor, actor.role != .distributor else { return }
        if actor.role.isGroupBound {
            groups = actor.groups
            reseller = actor.reseller
        } else {
            reseller = actor.reseller
        }
    }

    var isEverything: Bool { reseller == nil && groups == nil }

    func mayRead(reseller name: Name) -> Bool {
        groups == nil && (reseller == nil || reseller == name)
    }

    func mayRead(group: Name, ofReseller owner: Name?) -> Bool {
        if let groups { return groups.contains(group) }
        return reseller == nil || reseller == owner
    }

    func mayRead(_ sim: SIMRecord) -> Bool {
        if let groups { return sim.group.map(groups.contains) ?? false }
        return reseller == nil || sim.reseller == reseller
    }

    func mayRead(_ number: NumberRecord, subscriberGroup: Name?) -> Bool {
        if let groups { return subscriberGroup.map(groups.contains) ?? false }
        return reseller == nil || number.reseller == reseller
    }

    func mayRead(_ subscriber: SubscriberRecord) -> Bool {
        if let groups { return groups.contains(subscriber.group) }
        return reseller == nil || subscriber.reseller == reseller
    }
}
