public enum SubscriberStatus: String, Sendable, Hashable, CaseIterable, WireEnum {
    case provisioned = "PROVISIONED"
    case terminated = "TERMINATED"

    public static let wireOrder: [SubscriberStatus] = [.provisioned, .terminated]
}
