#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// LMDB's default order of keys (and of sorted duplicates): bytes compared as
/// unsigned, a prefix before what it begins. For code that merges or sorts keys
/// the way a cursor will walk them.
public enum KeyOrder {
    /// Negative, zero or positive as `a` sorts before, equal to or after `b`.
    public static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let common = min(a.count, b.count)
        if common > 0 {
            let result = memcmp(a.baseAddress!, b.baseAddress!, common)
            if result != 0 { return Int(result) }
        }
        return a.count - b.count
    }
}
