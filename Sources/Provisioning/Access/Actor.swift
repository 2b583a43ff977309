/// The Control Panel user acting, with the scope of its role. The Engine builds it
/// from the user record (`Actor(_:)`), so the role is the one held at the time.
public struct Actor: Hashable, Sendable {
    public var username: Username
    public var role: Role
    /// The reseller the user belongs to; nil for a distributor user.
    public var reseller: Name?
    /// The groups of a multi-customer (one or more) or customer (exactly one) user.
    public var groups: [Name]

    public init(username: Username, role: Role, reseller: Name? = nil, groups: [Name] = []) {
        self.username = username
        self.role = role
        self.reseller = reseller
        self.groups = groups
    }

    public init(_ user: UserRecord) {
        self.init(username: user.username, role: user.role, reseller: user.reseller, groups: user.groups)
    }

    /// "user mike (distributor)", for messages.
    public var spoken: String { "user \(username.rawValue) (\(role.rawValue))" }
}

extension StateReader {
    /// The actor for a username, or a `.forbidden` rejection when no such user exists:
    /// an unknown user is an authentication failure, not a missing item.
    public func actor(named username: Username) throws(Rejection) -> Actor {
        guard let user = user(username) else {
            throw .forbidden(
                "User \(username.rawValue) does not exist: act as an existing Control Panel user, or have a distributor add it with user add.")
        }
        return Actor(user)
    }
}
