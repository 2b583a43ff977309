/// The address block of guide 4 ("Address 1" is required, the rest optional).
public struct PostalAddress: Hashable, Sendable {
    public var line1: DisplayText
    public var line2: DisplayText?
    public var city: DisplayText?
    public var state: DisplayText?

    public init(line1: DisplayText, line2: DisplayText? = nil, city: DisplayText? = nil, state: DisplayText? = nil) {
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.state = state
    }

    /// The lines joined with ", ", for the log.
    public var rendered: String {
        [line1, line2, city, state].compactMap { $0?.rawValue }.joined(separator: ", ")
    }
}
