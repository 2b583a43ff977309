/// A Control Panel user (guide 10). Passwords are not the engine's business: the
/// CLI acts as a named user, and the role with its scope decides what it may do.
public struct UserRecord: Hashable, Sendable {
    public var username: Username
    public var name: DisplayText
    public var email: Email
    public var role: Role
    public var reseller: Name?
    public var groups: [Name]

    public init(username: Username, name: DisplayText, email: Email, role: Role, reseller: Name?, groups: [Name]) {
        self.username = username
        self.name = name
        self.email = email
        self.role = role
        self.reseller = reseller
        self.groups = groups
    }
}
