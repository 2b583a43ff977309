/// A command id for a change whose caller gave none: a random (version 4) UUID in
/// lowercase, the form `UUID().uuidString.lowercased()` gives. Made from the system's
/// generator (one getrandom call) because Foundation's UUID opens, reads and closes
/// /dev/urandom for each one: three system calls on every change.
func freshCommandID() -> String {
    var generator = SystemRandomNumberGenerator()
    var bytes = withUnsafeBytes(of: generator.next() as UInt128) { Array($0) }
    bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
    bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(36)
    for (index, byte) in bytes.enumerated() {
        if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
}
