import Engine
import EventLog
import FoundationEssentials
import Provisioning

/// Prints results: tables and lines for people, one JSON document with `--json`.
struct Output {
    let json: Bool

    /// A change prints at most this many event lines; a bulk change ends with a count.
    static let eventLinesShown = 20

    func print(_ outcome: ChangeOutcome) {
        let result = outcome.result
        if json {
            let shown = outcome.events.prefix(1_000)
            var members: [(String, JSONValue)] = [
                ("command-id", .string(outcome.commandID)),
                ("already-applied", .bool(outcome.alreadyApplied)),
                ("event-count", .int(Int64(result.count))),
            ]
            if let positions = result.positions {
                members.append(("first-position", .int(Int64(positions.lowerBound))))
                members.append(("last-position", .int(Int64(positions.upperBound))))
            }
            members.append(("recorded-at", .string(Timestamp(millisecondsSince1970: result.recordedAt).iso8601)))
            members.append(
                ("events", .array(shown.enumerated().map { index, event in
                    .object([
                        ("position", .int(Int64(result.firstPosition) + Int64(index))),
                        ("type", .string(event.wireName)),
                        ("tags", .array(event.tags.map(JSONValue.string))),
                        ("summary", .string(event.summary)),
                    ])
                })))
            Swift.print(JSONValue.object(members).serialized(pretty: true))
            return
        }
        if outcome.alreadyApplied {
            Swift.print("Already applied: command \(outcome.commandID) recorded this the first time; nothing changed.")
        }
        for (index, event) in outcome.events.prefix(Self.eventLinesShown).enumerated() {
            Swift.print("\(result.firstPosition + UInt64(index))  \(event.wireName)  \(event.tags.first ?? "-")  \(event.summary)")
        }
        if outcome.events.count > Self.eventLinesShown {
            Swift.print("... and \(outcome.events.count - Self.eventLinesShown) more events")
        }
        // A repeated command id prints the first result as it was, under the line above.
        if let positions = result.positions {
            Swift.print("Recorded \(result.count) event\(result.count == 1 ? "" : "s") at positions \(positions.lowerBound)-\(positions.upperBound).")
        }
    }

    func print(table: TextTable, document: JSONValue) {
        Swift.print(json ? document.serialized(pretty: true) : table.rendered())
    }

    func print(details: DetailList, document: JSONValue) {
        Swift.print(json ? document.serialized(pretty: true) : details.rendered())
    }
}
