import Crypto

/// An eSIM activation code (GSMA SGP.22, shown as a QR code):
/// `LPA:1$<SM-DP+ address>$<matching ID>`, optionally followed by `$<SM-DP+ OID>` and
/// `$1` (confirmation code required), as in `LPA:1$smdp.example.com$04386-AGYFT-A74Y8-3F815`.
///
/// Normalising trims the input, writes the `LPA:` prefix (accepted in any case) as
/// `LPA:`, and lower-cases the SM-DP+ address. The matching ID is 1 to 255 of
/// `A-Z a-z 0-9 -`, case kept; the OID, when present, is dotted decimal (it may be empty
/// only when the confirmation flag follows); the confirmation flag is `1`.
///
/// The code is a credential: whoever holds it can install the line. The event log keeps
/// only `fingerprint`; `description`, `debugDescription` and the mirror never show the
/// code, and a `ValidationError` shows only the part before the matching ID. Use
/// `rawValue` for the code itself (for the secret store and the QR code).
public struct ActivationCode: ValidatedValue, CustomDebugStringConvertible, CustomReflectable {
    public let rawValue: String

    public init(_ input: String) throws {
        func fail(_ rule: String) -> ValidationError {
            ValidationError(field: "activation code", value: Self.redacted(input), rule: rule)
        }
        let format = "LPA:1$<SM-DP+ address>$<matching ID>"
        let text = ValueText.trimmed(input)
        guard ValueText.asciiUppercased(String(decoding: text.utf8.prefix(4), as: UTF8.self)) == "LPA:" else {
            throw fail("must start with LPA: (GSMA SGP.22 \(format))")
        }
        let fields = text.utf8.dropFirst(4).split(separator: UInt8(ascii: "$"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard fields[0] == "1" else {
            throw fail("the format must be 1, as in \(format)")
        }
        guard fields.count >= 3 else {
            throw fail("must have an SM-DP+ address and a matching ID: \(format)")
        }
        guard fields.count <= 5 else {
            throw fail("has too many $-separated fields: at most \(format)$<SM-DP+ OID>$1")
        }
        let address: String
        switch FQDN.normalise(fields[1]) {
        case .success(let name): address = name
        case .failure(let failure): throw fail("the SM-DP+ address \(failure.rule)")
        }
        let matchingID = fields[2]
        if matchingID.isEmpty {
            throw fail("the matching ID must not be empty")
        }
        if matchingID.utf8.count > 255 {
            throw fail("the matching ID must be at most 255 characters, has \(matchingID.utf8.count)")
        }
        if matchingID.unicodeScalars.contains(where: { !(ValueText.isLetter($0) || ValueText.isDigit($0) || $0 == "-") }) {
            throw fail("the matching ID may contain only A-Z a-z 0-9 and -")
        }
        var normalised = "LPA:1$\(address)$\(matchingID)"
        if fields.count >= 4 {
            let oid = fields[3]
            if oid.isEmpty && fields.count == 4 {
                throw fail("the SM-DP+ OID must not be empty unless a confirmation code flag follows")
            }
            if !oid.isEmpty && !Self.isOID(oid) {
                throw fail("the SM-DP+ OID must be dotted decimal, such as 1.3.6.1.4.1.31746")
            }
            normalised += "$\(oid)"
        }
        if fields.count == 5 {
            guard fields[4] == "1" else {
                throw fail("the confirmation code required flag must be 1")
            }
            normalised += "$1"
        }
        rawValue = normalised
    }

    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    private var fields: [Substring] {
        rawValue.dropFirst(4).split(separator: "$", omittingEmptySubsequences: false)
    }

    /// The SM-DP+ server's address.
    public var smdpAddress: FQDN {
        let fields = self.fields
        return FQDN(unchecked: fields.count > 1 ? String(fields[1]) : "")
    }

    /// The matching ID (the AC_Token): the secret part of the code.
    public var matchingID: String {
        let fields = self.fields
        return fields.count > 2 ? String(fields[2]) : ""
    }

    /// The SM-DP+ OID, when the code carries a non-empty one.
    public var smdpOID: String? {
        let fields = self.fields
        return fields.count > 3 && !fields[3].isEmpty ? String(fields[3]) : nil
    }

    /// Whether the code says a confirmation code is required (a trailing `$1`).
    public var confirmationCodeRequired: Bool {
        let fields = self.fields
        return fields.count > 4 && fields[4] == "1"
    }

    /// What the log keeps instead of the code: `sha256:` and the first 16 bytes of the
    /// SHA-256 of `rawValue` (UTF-8), in lower-case hex.
    public var fingerprint: String {
        let digest = SHA256.hash(data: Array(rawValue.utf8))
        let hexDigits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(32)
        for byte in digest.prefix(16) {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return "sha256:" + String(decoding: hex, as: UTF8.self)
    }

    /// `ActivationCode(sha256:...)`: never the code.
    public var description: String { "ActivationCode(\(fingerprint))" }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["fingerprint": fingerprint], displayStyle: .struct)
    }

    public static func < (lhs: ActivationCode, rhs: ActivationCode) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    static func isOID(_ text: String) -> Bool {
        let arcs = text.split(separator: ".", omittingEmptySubsequences: false)
        return arcs.count >= 2 && arcs.allSatisfy { arc in
            !arc.isEmpty && arc.unicodeScalars.allSatisfy(ValueText.isDigit)
        }
    }

    /// The input up to the second `$` (the prefix and the SM-DP+ address), the rest
    /// replaced; the whole input replaced when it has fewer than two `$`.
    static func redacted(_ input: String) -> String {
        var dollars = 0
        for index in input.indices where input[index] == "$" {
            dollars += 1
            if dollars == 2 {
                return String(input[...index]) + "<redacted>"
            }
        }
        return "<redacted>"
    }
}
