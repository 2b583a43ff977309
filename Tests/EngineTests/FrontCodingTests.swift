import Testing
import WireFormat

@testable import ReadModels

/// A snapshot section's entries, front coded (`FrontCodedWriter`): read back as
/// written whatever they share, the shortest difference written, and a damaged
/// entry refused instead of read past.
@Suite struct FrontCodingTests {
    static func encode(_ entries: [[UInt8]]) -> [UInt8] {
        var writer = ByteWriter()
        var front = FrontCodedWriter()
        front.startSection()
        for entry in entries { entry.withUnsafeBytes { front.write($0, to: &writer) } }
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8], count: Int) throws -> [[UInt8]] {
        try bytes.withUnsafeBytes { raw in
            var reader = ByteReader(unsafeBuffer: raw)
            var front = FrontCodedReader()
            front.startSection()
            var entries: [[UInt8]] = []
            for _ in 0..<count { entries.append(try front.read(&reader) { Array($0) }) }
            try reader.expectEnd()
            return entries
        }
    }

    @Test func entriesReadBackAsWritten() throws {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<200 {
            // Alike entries (a common stem with a few bytes changed, cut or grown) and unlike ones.
            let stem = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let entries = (0..<Int.random(in: 1...30, using: &generator)).map { _ -> [UInt8] in
                if round % 5 == 0 { return (0..<Int.random(in: 0...300)).map { _ in UInt8.random(in: 0...3) } }
                var entry = stem
                for _ in 0..<Int.random(in: 0...3) where !entry.isEmpty {
                    entry[Int.random(in: 0..<entry.count)] = UInt8.random(in: 0...255)
                }
                if Bool.random() { entry += [UInt8](repeating: 7, count: Int.random(in: 0...9)) }
                if Bool.random(), !entry.isEmpty { entry.removeFirst(Int.random(in: 0...entry.count)) }
                return entry
            }
            #expect(try Self.decode(Self.encode(entries), count: entries.count) == entries, "\(entries)")
        }
    }

    @Test func whatTwoBookedInSIMsShareIsWrittenOnce() throws {
        let first = Array("\u{13}8944530000000000018\u{09}MXG-ET085\u{08}physical\0\0\u{06}BOOKIN\0\0\0\0".utf8)
        let second = Array("\u{13}8944530000000000026\u{09}MXG-ET085\u{08}physical\0\0\u{06}BOOKIN\0\0\0\0".utf8)
        let bytes = Self.encode([first, second])
        // The first whole (0, 0, 52 bytes); the second: 18 bytes of prefix, 32 of suffix, "26".
        #expect(bytes.count == 3 + first.count + 5)
        #expect(Array(bytes[(3 + first.count)...]) == [18, 32, 2] + Array("26".utf8))
        #expect(try Self.decode(bytes, count: 2) == [first, second])
    }

    @Test func anEntrySharingMoreThanTheOneBeforeHeldIsRefused() {
        // The first entry holds 3 bytes; the second claims 2 of prefix and 2 of suffix.
        let bytes: [UInt8] = [0, 0, 3, 1, 2, 3, 2, 2, 0]
        #expect(throws: WireFormatError.self) { try Self.decode(bytes, count: 2) }
        // A truncated entry.
        #expect(throws: WireFormatError.self) { try Self.decode([0, 0, 5, 1, 2], count: 1) }
    }
}
