import CQREncode
import FoundationEssentials

/// A QR code of a text (libqrencode, error correction level M), rendered for a
/// terminal, as SVG or as PNG. The PNG writer is a minimal one: 8-bit grey, one
/// stored (uncompressed) zlib stream; QR codes are small.
struct QRCode {
    let width: Int
    /// Row-major, true for a dark module.
    let modules: [Bool]
    static let quietZone = 4

    init(_ text: String) throws {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            throw Failure(code: Failure.malformed, "The activation code is too long for a QR code.")
        }
        defer { QRcode_free(code) }
        width = Int(code.pointee.width)
        modules = (0..<(width * width)).map { code.pointee.data[$0] & 1 == 1 }
    }

    func isDark(_ x: Int, _ y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < width && modules[y * width + x]
    }

    /// Two module rows per text line with half blocks. Light modules are drawn as
    /// blocks, so the code has the right polarity on the usual dark terminal.
    var terminal: String {
        let range = -Self.quietZone..<(width + Self.quietZone)
        var lines: [String] = []
        var y = -Self.quietZone
        while y < width + Self.quietZone {
            var line = ""
            for x in range {
                switch (isDark(x, y), isDark(x, y + 1)) {
                case (false, false): line += "█"
                case (false, true): line += "▀"
                case (true, false): line += "▄"
                case (true, true): line += " "
                }
            }
            lines.append(line)
            y += 2
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func svg(scale: Int = 8) -> String {
        let size = (width + 2 * Self.quietZone) * scale
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(size)" height="\(size)" viewBox="0 0 \(size) \(size)" shape-rendering="crispEdges">
            <rect width="\(size)" height="\(size)" fill="#ffffff"/>

            """
        for y in 0..<width {
            for x in 0..<width where isDark(x, y) {
                let left = (x + Self.quietZone) * scale
                let top = (y + Self.quietZone) * scale
                out += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(scale)\" height=\"\(scale)\" fill=\"#000000\"/>\n"
            }
        }
        return out + "</svg>\n"
    }

    func png(scale: Int = 8) -> [UInt8] {
        let size = (width + 2 * Self.quietZone) * scale
        var raw: [UInt8] = []
        raw.reserveCapacity(size * (size + 1))
        for py in 0..<size {
            raw.append(0)  // filter: none
            for px in 0..<size {
                raw.append(isDark(px / scale - Self.quietZone, py / scale - Self.quietZone) ? 0 : 255)
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += Self.bigEndian(UInt32(size)) + Self.bigEndian(UInt32(size))
        header += [8, 0, 0, 0, 0]  // 8-bit, greyscale, deflate, no filter method, no interlace
        Self.chunk("IHDR", header, into: &png)
        Self.chunk("IDAT", Self.zlibStored(raw), into: &png)
        Self.chunk("IEND", [], into: &png)
        return png
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static func chunk(_ type: String, _ data: [UInt8], into png: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        png += bigEndian(UInt32(data.count)) + typeBytes + data
        png += bigEndian(crc32(typeBytes + data))
    }

    /// A zlib stream of stored deflate blocks (at most 65,535 bytes each).
    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, data.count - offset)
            let final: UInt8 = offset + count == data.count ? 1 : 0
            out.append(final)
            out += [UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += data[offset..<offset + count]
            offset += count
        } while offset < data.count
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return out + bigEndian(b << 16 | a)
    }

    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    private static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
