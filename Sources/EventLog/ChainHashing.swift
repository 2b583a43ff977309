import CLibCrypto

/// SHA-256 of the hash chain: SHA-256(previous hash ‖ record body), written where the
/// caller says. The context lives on the stack: swift-crypto's `SHA256` allocates one
/// on the heap for every hash, which at one short record a hash was a tenth of
/// `verify`'s log check (docs/performance.md). The system's libcrypto uses the CPU's
/// SHA instructions where it has them, as BoringSSL does.
enum ChainHashing {
    static let size = 32

    /// Writes the 32 bytes of SHA-256(`previous` ‖ `body`) at `destination`, which
    /// may follow `previous` in the same buffer but not overlap either input.
    static func hash(
        previous: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer, into destination: UnsafeMutableRawPointer
    ) {
        var context = SHA256_CTX()
        SHA256_Init(&context)
        SHA256_Update(&context, previous.baseAddress, previous.count)
        SHA256_Update(&context, body.baseAddress, body.count)
        SHA256_Final(destination.assumingMemoryBound(to: UInt8.self), &context)
    }

    /// The same, as a new array.
    static func hash(previous: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            hash(previous: previous, body: body, into: buffer.baseAddress!)
            count = size
        }
    }
}
