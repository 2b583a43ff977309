import Foundation

/// Finds a key given twice in one JSON object. JSONSerialization keeps one of the two
/// values silently, so a line such as `{"as": "mike", ..., "as": "liziya"}` would say
/// two things and act on one: script lines and export lines refuse it instead.
public enum JSONDuplicateKeys {
    /// The first key (decoded, so `"\u0061s"` is `as`) that appears twice in one object
    /// of `text`, which must already be known to be valid JSON; nil when there is none.
    public static func first(in text: String) -> String? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { first(in: UnsafeBufferPointer($0)) }
    }

    public static func first(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // One entry per open container: the keys seen so far in an object, nil for an array.
        var open: [Set<[UInt8]>?] = []
        var expectingKey = false
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"):
                open.append([])
                expectingKey = true
            case UInt8(ascii: "["):
                open.append(nil)
                expectingKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !open.isEmpty { open.removeLast() }
                expectingKey = false
            case UInt8(ascii: ","):
                expectingKey = open.last.map { $0 != nil } ?? false
            case UInt8(ascii: "\""):
                var end = index + 1
                var escaped = false
                while end < bytes.count {
                    if bytes[end] == UInt8(ascii: "\\") {
                        escaped = true
                        end += 2
                        continue
                    }
                    if bytes[end] == UInt8(ascii: "\"") { break }
                    end += 1
                }
                if expectingKey, !open.isEmpty, var keys = open[open.count - 1] {
                    let raw = Array(bytes[index...min(end, bytes.count - 1)])
                    let key = escaped ? decoded(raw) : Array(raw.dropFirst().dropLast())
                    if !keys.insert(key).inserted { return String(decoding: key, as: UTF8.self) }
                    open[open.count - 1] = keys
                    expectingKey = false
                }
                index = end
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// A key with escapes, decoded by JSONSerialization itself (rare: keys are plain).
    private static func decoded(_ token: [UInt8]) -> [UInt8] {
        let string = (try? JSONSerialization.jsonObject(with: Data(token), options: .fragmentsAllowed)) as? String
        return Array((string ?? String(decoding: token, as: UTF8.self)).utf8)
    }
}
