/// The mobile features of a subscriber (guide 12.2, last wizard page): voice, data
/// and messaging on by default, mobile hotspot off.
public struct Features: Hashable, Sendable {
    public var voice: Bool
    public var data: Bool
    public var messaging: Bool
    public var hotspot: Bool

    public init(voice: Bool = true, data: Bool = true, messaging: Bool = true, hotspot: Bool = false) {
        self.voice = voice
        self.data = data
        self.messaging = messaging
        self.hotspot = hotspot
    }

    public static let wizardDefaults = Features()

    /// "voice on, data on, messaging on, hotspot off".
    public var rendered: String {
        func onOff(_ flag: Bool) -> String { flag ? "on" : "off" }
        return "voice \(onOff(voice)), data \(onOff(data)), messaging \(onOff(messaging)), hotspot \(onOff(hotspot))"
    }
}

/// A partial change of features: nil leaves a feature as it is.
public struct FeatureChanges: Hashable, Sendable {
    public var voice: Bool?
    public var data: Bool?
    public var messaging: Bool?
    public var hotspot: Bool?

    public init(voice: Bool? = nil, data: Bool? = nil, messaging: Bool? = nil, hotspot: Bool? = nil) {
        self.voice = voice
        self.data = data
        self.messaging = messaging
        self.hotspot = hotspot
    }

    public var isEmpty: Bool { voice == nil && data == nil && messaging == nil && hotspot == nil }

    public func applied(to features: Features) -> Features {
        Features(
            voice: voice ?? features.voice, data: data ?? features.data,
            messaging: messaging ?? features.messaging, hotspot: hotspot ?? features.hotspot)
    }
}
