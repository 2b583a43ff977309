/// The role × action table of the domain page, in one place.
///
/// | role | may change | may read |
/// |---|---|---|
/// | distributor | everything | everything |
/// | reseller | within its reseller: groups, group catalog choices, SIM allocation, numbers, subscribers, users | its reseller |
/// | reseller-downgraded | within its reseller: subscribers and SIM allocation | its reseller |
/// | reseller-subs-view-only | nothing | subscribers of its reseller |
/// | multi-customer | subscribers of its groups | those groups |
/// | customer | subscribers of its one group | its group |
///
/// Book-in, reserve, unreserve and retire of SIMs, the catalog, resellers, their
/// catalog and branding, and the settings are the distributor's alone.
public enum Permissions {
    /// The actions each role may take, before its scope is considered.
    public static func allowedActions(for role: Role) -> Set<Action> {
        switch role {
        case .distributor:
            Set(Action.allCases)
        case .reseller:
            [.manageGroups, .manageGroupCatalog, .allocateSIMs, .manageNumbers, .manageSubscribers, .addUsers]
        case .resellerDowngraded:
            [.allocateSIMs, .manageSubscribers]
        case .resellerSubsViewOnly:
            []
        case .multiCustomer, .customer:
            [.manageSubscribers]
        }
    }

    /// Throws `.forbidden` unless `actor` may take `action` on `scope`.
    public static func check(_ actor: Actor, _ action: Action, on scope: Scope) throws(Rejection) {
        guard allowedActions(for: actor.role).contains(action) else {
            throw .forbidden(
                "\(actor.spoken.capitalizedFirst) may not \(action.spoken): only \(rolesAllowed(action)) may.")
        }
        guard reaches(actor, scope) else {
            throw .forbidden(
                "\(actor.spoken.capitalizedFirst) may not \(action.spoken) on \(scope.spoken): its role reaches only \(reach(of: actor)).")
        }
    }

    /// Whether `actor` may read `subject`.
    public static func canRead(_ actor: Actor, _ subject: ReadSubject) -> Bool {
        switch (actor.role, subject) {
        case (.distributor, _):
            true
        case (.resellerSubsViewOnly, .subscribers(let scope)):
            scope.reseller != nil && scope.reseller == actor.reseller
        case (.resellerSubsViewOnly, _):
            false
        case (_, .catalog):
            true
        case (_, .store):
            false
        case (_, .level(let scope)), (_, .subscribers(let scope)):
            reaches(actor, scope)
        }
    }

    /// Whether the actor's reseller or groups cover `scope`.
    static func reaches(_ actor: Actor, _ scope: Scope) -> Bool {
        switch actor.role {
        case .distributor:
            return true
        case .reseller, .resellerDowngraded, .resellerSubsViewOnly:
            guard let own = actor.reseller, let target = scope.reseller else { return false }
            return own == target
        case .multiCustomer, .customer:
            guard case .group(let group, _) = scope else { return false }
            return actor.groups.contains(group)
        }
    }

    static func reach(of actor: Actor) -> String {
        switch actor.role {
        case .distributor: "the whole store"
        case .reseller, .resellerDowngraded, .resellerSubsViewOnly:
            actor.reseller.map { "reseller \($0.rawValue)" } ?? "no reseller"
        case .multiCustomer, .customer:
            actor.groups.isEmpty ? "no group" : "group " + actor.groups.map(\.rawValue).joined(separator: ", ")
        }
    }

    static func rolesAllowed(_ action: Action) -> String {
        let roles = Role.allCases.filter { allowedActions(for: $0).contains(action) }.map(\.rawValue)
        return roles.count == 1 ? "a \(roles[0]) user" : "users of roles " + roles.joined(separator: ", ")
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
