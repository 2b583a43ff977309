/// A subscriber (an end user): everything the wizard of guide 12.2 records and
/// the summary of guide 13.1 shows.
public struct SubscriberRecord: Hashable, Sendable {
    public var subUID: SubUID
    public var name: Name
    public var group: Name
    public var reseller: Name
    public var status: SubscriberStatus
    public var homeLocation: CountryCode
    public var firstName: DisplayText
    public var lastName: DisplayText
    public var email: Email
    public var description: Description?
    public var bundle: CatalogCode
    public var billingID: Name?
    public var simForm: SIMForm
    public var simType: SIMTypeCode
    public var iccid: ICCID
    public var networkProfile: CatalogCode?
    public var number: PhoneNumber
    public var roamingPolicy: CatalogCode
    public var pbx: PBXSettings?
    public var features: Features
    public var provisionedAt: Timestamp
    public var termination: Termination?

    public init(
        subUID: SubUID, name: Name, group: Name, reseller: Name, status: SubscriberStatus, homeLocation: CountryCode,
        firstName: DisplayText, lastName: DisplayText, email: Email, description: Description?, bundle: CatalogCode,
        billingID: Name?, simForm: SIMForm, simType: SIMTypeCode, iccid: ICCID, networkProfile: CatalogCode?,
        number: PhoneNumber, roamingPolicy: CatalogCode, pbx: PBXSettings?, features: Features,
        provisionedAt: Timestamp, termination: Termination? = nil
    ) {
        self.subUID = subUID
        self.name = name
        self.group = group
        self.reseller = reseller
        self.status = status
        self.homeLocation = homeLocation
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.description = description
        self.bundle = bundle
        self.billingID = billingID
        self.simForm = simForm
        self.simType = simType
        self.iccid = iccid
        self.networkProfile = networkProfile
        self.number = number
        self.roamingPolicy = roamingPolicy
        self.pbx = pbx
        self.features = features
        self.provisionedAt = provisionedAt
        self.termination = termination
    }

    public var scope: Scope { .group(group, reseller: reseller) }
    public var spoken: String { "subscriber \(subUID.rawValue) (\(name.rawValue))" }
}

/// The "Tango Extend" page of the wizard: the PBX line of a subscriber.
public struct PBXSettings: Hashable, Sendable {
    public var pbx: CatalogCode
    public var extensionNumber: Extension?
    public var businessNumber: PhoneNumber?
    /// Only the user part of the SIP address.
    public var sipUser: Username?
    public var username: Username?
    /// `pbx-password:<subuid>` in the secret store; the password never enters the log.
    public var passwordReference: String?

    public init(
        pbx: CatalogCode, extensionNumber: Extension? = nil, businessNumber: PhoneNumber? = nil,
        sipUser: Username? = nil, username: Username? = nil, passwordReference: String? = nil
    ) {
        self.pbx = pbx
        self.extensionNumber = extensionNumber
        self.businessNumber = businessNumber
        self.sipUser = sipUser
        self.username = username
        self.passwordReference = passwordReference
    }

    /// The secret store key of a subscriber's PBX password.
    public static func passwordReference(for subUID: SubUID) -> String { "pbx-password:\(subUID.rawValue)" }
}

/// Why and when a subscriber was terminated.
public struct Termination: Hashable, Sendable {
    public var reason: TerminationReason
    public var note: DisplayText?
    public var at: Timestamp

    public init(reason: TerminationReason, note: DisplayText?, at: Timestamp) {
        self.reason = reason
        self.note = note
        self.at = at
    }
}
