extension String {
    /// The string's UTF-8 lent to `body`: in place for a native string (no retain, no
    /// copy, as the hot paths of an append want), copied for a bridged one.
    func withUTF8Buffer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
