@testable import Provisioning

// Validated values from literals: a literal that fails validation is a bug in the
// test, so it traps.

func value<V: ValidatedValue>(_ text: String) -> V {
    do { return try V(text) } catch { fatalError("test literal \(text) is invalid: \(error)") }
}

func name(_ text: String) -> Name { value(text) }
func code(_ text: String) -> CatalogCode { value(text) }
func iccid(_ text: String) -> ICCID { value(text) }
func phone(_ text: String) -> PhoneNumber { value(text) }
func user(_ text: String) -> Username { value(text) }
func country(_ text: String) -> CountryCode { value(text) }
func subUID(_ text: String) -> SubUID { value(text) }
func text(_ text: String) -> DisplayText { value(text) }
func email(_ text: String) -> Email { value(text) }

/// 2026-01-01T00:00:00Z, the time of every test decision unless one says otherwise.
let t0 = Timestamp(millisecondsSince1970: 1_767_225_600_000)

extension Timestamp {
    func plus(days: Int) -> Timestamp { adding(days: days) }
}

/// The ids the Engine would hand to a change whose first event lands at `position`.
func engineIDs(at position: Int) -> GeneratedIDs { GeneratedIDs(firstPosition: UInt64(position)) }
