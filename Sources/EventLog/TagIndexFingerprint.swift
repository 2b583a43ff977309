/// An order-independent fingerprint of a set of (tag, position) pairs: their count
/// and the sum of a keyed 64-bit hash of each. `verify` computes one from the tags
/// the records carry and one from a sequential scan of the tag index, and compares
/// the two, instead of looking up every tag of every record in the index (35 million
/// random B-tree lookups on a store of 10 million events). Only when they differ does
/// it search entry by entry, to name the first position that is wrong.
///
/// The hash is keyed: the tag's hash is SipHash-2-4 under a key made at random in
/// every process, and each pair is mixed with a second random key, so nobody
/// who edits the index can choose entries that keep the sum: a difference escapes
/// with a chance of about 2^-64.
public struct TagIndexFingerprint: Equatable, Sendable {
    public private(set) var count: UInt64 = 0
    private var sum: UInt64 = 0
    private let key: UInt64

    /// A fingerprint to compare with `other`: the same key, nothing added yet.
    public init(keyedLike other: TagIndexFingerprint) { key = other.key }

    /// A fingerprint under a new random key.
    public init() {
        var generator = SystemRandomNumberGenerator()
        key = generator.next()
    }

    /// The tag's part of every pair it is in; compute it once for many positions.
    static func tagHash(_ tag: UnsafeRawBufferPointer) -> UInt64 {
        tagKey.hash(tag)
    }

    /// The key of the tags' hash, made at random once a process.
    private static let tagKey = SipHash()

    mutating func add(tagHash: UInt64, position: UInt64) {
        count &+= 1
        sum &+= Self.mix((tagHash ^ key) &+ position &* 0x9E37_79B9_7F4A_7C15)
    }

    /// Adds the entries of `other` (keyed alike: counted by another range of one walk).
    public mutating func merge(_ other: TagIndexFingerprint) {
        precondition(other.key == key, "fingerprints under different keys")
        count &+= other.count
        sum &+= other.sum
    }

    /// The finalizer of MurmurHash3 (fmix64): every input bit reaches every output bit.
    private static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }
}
