/// A phone number of a reseller's inventory (guide 12.1).
public struct NumberRecord: Hashable, Sendable {
    public var number: PhoneNumber
    public var reseller: Name
    /// As stored; `status(at:)` is what a reader sees.
    public var storedStatus: NumberStatus
    public var subscriber: SubUID?
    /// Set while QUARANTINED: the number is available again from this time on.
    public var quarantinedUntil: Timestamp?

    public init(
        number: PhoneNumber, reseller: Name, storedStatus: NumberStatus = .available, subscriber: SubUID? = nil,
        quarantinedUntil: Timestamp? = nil
    ) {
        self.number = number
        self.reseller = reseller
        self.storedStatus = storedStatus
        self.subscriber = subscriber
        self.quarantinedUntil = quarantinedUntil
    }

    /// The status at `time`: a quarantine whose date has passed reads as AVAILABLE,
    /// so no job has to run to end it.
    public func status(at time: Timestamp) -> NumberStatus {
        if storedStatus == .quarantined, let until = quarantinedUntil, until <= time { return .available }
        return storedStatus
    }
}
