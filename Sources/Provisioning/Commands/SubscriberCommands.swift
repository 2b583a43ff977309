/// `subscriber provision`: the wizard of guide 12.2. Nil means "the wizard's
/// default": the group's default bundle, network profile and roaming policy, and
/// the next available SIM of the form.
public struct ProvisionSubscriber: Hashable, Sendable {
    public var group: Name
    public var name: Name
    public var firstName: DisplayText
    public var lastName: DisplayText
    public var email: Email
    public var homeLocation: CountryCode
    public var description: Description?
    public var bundle: CatalogCode?
    public var billingID: Name?
    public var form: SIMForm
    public var networkProfile: CatalogCode?
    public var sim: ICCID?
    public var number: PhoneNumber
    public var roamingPolicy: CatalogCode?
    public var pbx: CatalogCode?
    public var extensionNumber: Extension?
    public var businessNumber: PhoneNumber?
    public var sipUser: Username?
    public var pbxUsername: Username?
    /// Goes to the secret store as `pbx-password:<subuid>`, never into an event.
    public var pbxPassword: SecretBytes?
    public var features: Features

    public init(
        group: Name, name: Name, firstName: DisplayText, lastName: DisplayText, email: Email,
        homeLocation: CountryCode, description: Description? = nil, bundle: CatalogCode? = nil,
        billingID: Name? = nil, form: SIMForm = .esim, networkProfile: CatalogCode? = nil, sim: ICCID? = nil,
        number: PhoneNumber, roamingPolicy: CatalogCode? = nil, pbx: CatalogCode? = nil,
        extensionNumber: Extension? = nil, businessNumber: PhoneNumber? = nil, sipUser: Username? = nil,
        pbxUsername: Username? = nil, pbxPassword: SecretBytes? = nil, features: Features = .wizardDefaults
    ) {
        self.group = group
        self.name = name
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.homeLocation = homeLocation
        self.description = description
        self.bundle = bundle
        self.billingID = billingID
        self.form = form
        self.networkProfile = networkProfile
        self.sim = sim
        self.number = number
        self.roamingPolicy = roamingPolicy
        self.pbx = pbx
        self.extensionNumber = extensionNumber
        self.businessNumber = businessNumber
        self.sipUser = sipUser
        self.pbxUsername = pbxUsername
        self.pbxPassword = pbxPassword
        self.features = features
    }
}

/// `subscriber set SUBUID`: nil leaves a field as it is.
public struct ChangeSubscriber: Hashable, Sendable {
    public var subUID: SubUID
    public var features: FeatureChanges
    public var bundle: CatalogCode?
    public var roamingPolicy: CatalogCode?

    public init(subUID: SubUID, features: FeatureChanges = FeatureChanges(), bundle: CatalogCode? = nil, roamingPolicy: CatalogCode? = nil) {
        self.subUID = subUID
        self.features = features
        self.bundle = bundle
        self.roamingPolicy = roamingPolicy
    }
}

/// `subscriber terminate SUBUID --why REASON` (guide 13.2); `other` needs a note.
public struct TerminateSubscriber: Hashable, Sendable {
    public var subUID: SubUID
    public var reason: TerminationReason
    public var note: DisplayText?

    public init(subUID: SubUID, reason: TerminationReason, note: DisplayText? = nil) {
        self.subUID = subUID
        self.reason = reason
        self.note = note
    }
}
