/// A secret given to a command (a PBX password). It never prints: the
/// description says only that a secret is there, so a logged command leaks nothing.
public struct SecretBytes: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public var bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(utf8 text: String) { self.bytes = Array(text.utf8) }

    public var description: String { "(secret, \(bytes.count) bytes)" }
    public var debugDescription: String { description }
}
