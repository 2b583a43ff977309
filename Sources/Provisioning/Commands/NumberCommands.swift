/// `numbers import --reseller NAME` (guide 12.1).
public struct ImportNumbers: Hashable, Sendable {
    public var reseller: Name
    public var numbers: [PhoneNumber]

    public init(reseller: Name, numbers: [PhoneNumber]) {
        self.reseller = reseller
        self.numbers = numbers
    }
}

/// `numbers release`: end quarantines early.
public struct ReleaseNumbers: Hashable, Sendable {
    public var numbers: [PhoneNumber]

    public init(numbers: [PhoneNumber]) { self.numbers = numbers }
}
