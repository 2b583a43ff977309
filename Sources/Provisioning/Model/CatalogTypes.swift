/// The PBX kinds of guide 3.
public enum PBXType: String, Sendable, Hashable, CaseIterable, WireEnum {
    case microsoftTeams = "microsoft-teams"
    case ciscoWebex = "cisco-webex"
    case genericSIP = "generic-sip"

    public static let wireOrder: [PBXType] = [.microsoftTeams, .ciscoWebex, .genericSIP]
}

/// Product types of guide 6; today only `enterprise` exists.
public enum ProductType: String, Sendable, Hashable, CaseIterable, WireEnum {
    case enterprise

    public static let wireOrder: [ProductType] = [.enterprise]
}

/// Bundle types of guide 7; today only `subscriber` exists.
public enum BundleType: String, Sendable, Hashable, CaseIterable, WireEnum {
    case subscriber

    public static let wireOrder: [BundleType] = [.subscriber]
}

/// Roaming policy types of guide 8; today only `standard` exists.
public enum RoamingPolicyType: String, Sendable, Hashable, CaseIterable, WireEnum {
    case standard

    public static let wireOrder: [RoamingPolicyType] = [.standard]
}
