import Foundation
import Testing
import TestSupport

/// Issue 5, acceptance 1 (audit) and the reading tools `log` and `stats`, on the built binary.
@Suite struct LogToolsAuditTests {
    /// The walkthrough in two runs with a pause after line 38 (the allocation), so the
    /// events before and after it have different times for --since/--until. The second
    /// run applies only lines 39-41: the others have their command ids recorded.
    static func pausedWalkthrough() throws -> (directory: TemporaryDirectory, provctl: ProvctlProcess) {
        let directory = TemporaryDirectory("audit")
        let files = TemporaryDirectory("audit-files")
        let provctl = ProvctlProcess(store: directory.path)
        let first = try LogTools.write(Array(try LogTools.walkthroughLines.prefix(38)), named: "first.jsonl", in: files)
        try #require(try provctl.run(["run", first]).status == 0)
        usleep(30_000)
        let rest = try provctl.run(["run", LogTools.walkthrough])
        try #require(rest.status == 0, "\(rest.stderr)")
        #expect(rest.stdout.contains("(9 events)"), "the second run applies lines 39-41 only: \(rest.stdout)")
        return (directory, provctl)
    }

    @Test func theAuditOfAdelesSIMShowsEachChangeWithItsUserAndTheStatusBeforeAndAfter() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("audit-sim")
        _ = directory

        let json = try provctl.run(["audit", "sim", LogTools.adelesSIM, "--json"])
        #expect(json.status == 0)
        let rows = try LogTools.lines(json.stdout)
        let simRows = rows.filter { ($0["type"] as? String)?.hasPrefix("sim.") == true }
        #expect(simRows.map { $0["type"] as? String } == ["sim.booked-in", "sim.reserved", "sim.allocated", "sim.activated", "sim.retired"])
        #expect(simRows.map { $0["actor"] as? String } == ["mike", "mike", "liziya", "megan.it", "liziya"])
        #expect(simRows.map { $0["role"] as? String } == ["distributor", "distributor", "reseller", "customer", "reseller"])
        #expect(simRows.map { $0["status-before"] as? String } == [nil, "BOOKIN", "RESERVED", "ALLOCATED", "ACTIVE"])
        #expect(simRows.map { $0["status-after"] as? String } == ["BOOKIN", "RESERVED", "ALLOCATED", "ACTIVE", "RETIRED"])
        #expect(simRows.first?["status-before"] is NSNull, "before the book-in there is no SIM: null, not a status")
        // The holder after each change.
        #expect(simRows.map { $0["reseller"] as? String } == [nil, "Talk_Mail", "Talk_Mail", "Talk_Mail", "Talk_Mail"])
        #expect(simRows.map { $0["group"] as? String }
            == [nil, nil, "Audiocodes_Trial_End_Customer", "Audiocodes_Trial_End_Customer", "Audiocodes_Trial_End_Customer"])
        #expect(simRows.map { $0["subscriber"] as? String } == [nil, nil, nil, LogTools.adele, LogTools.adele])
        // Every event that touched the SIM, in log order: the subscriber's too.
        #expect(rows.map { $0["type"] as? String } == [
            "sim.booked-in", "sim.reserved", "sim.allocated", "subscriber.provisioned", "sim.activated",
            "subscriber.terminated", "sim.retired",
        ])
        let positions = rows.compactMap { ($0["position"] as? NSNumber)?.intValue }
        #expect(positions == positions.sorted() && positions.count == 7)
        for row in rows {
            #expect((row["tags"] as? [String])?.contains("sim:\(LogTools.adelesSIM)") == true)
        }

        // The same, for people.
        let text = try provctl.run(["audit", "sim", LogTools.adelesSIM])
        #expect(text.status == 0)
        let header = text.stdout.split(separator: "\n").first.map(String.init) ?? ""
        for column in ["POSITION", "TIME", "USER", "ROLE", "EVENT", "BEFORE", "AFTER", "HOLDER"] {
            #expect(header.contains(column))
        }
        // POSITION TIME USER ROLE EVENT BEFORE AFTER HOLDER WHAT
        let table = LogTools.tableRows(text.stdout).filter { $0.count > 4 && $0[4].hasPrefix("sim.") }
        #expect(table.map { [$0[2], $0[4], $0[5], $0[6]] } == [
            ["mike", "sim.booked-in", "-", "BOOKIN"],
            ["mike", "sim.reserved", "BOOKIN", "RESERVED"],
            ["liziya", "sim.allocated", "RESERVED", "ALLOCATED"],
            ["megan.it", "sim.activated", "ALLOCATED", "ACTIVE"],
            ["liziya", "sim.retired", "ACTIVE", "RETIRED"],
        ])
        #expect(table.last?[7] == "Talk_Mail / Audiocodes_Trial_End_Customer / \(LogTools.adele)")
    }

    @Test func theAuditOfAUserListsTheChangesThatUserMadeAndNoOthers() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("audit-user")
        _ = directory
        let log = try LogTools.lines(try provctl.run(["log", "--json"]).stdout)
        let madeByLiziya = log.filter { $0["actor"] as? String == "liziya" }.compactMap { ($0["position"] as? NSNumber)?.intValue }
        #expect(!madeByLiziya.isEmpty)

        let json = try provctl.run(["audit", "user", "liziya", "--json"])
        #expect(json.status == 0)
        let rows = try LogTools.lines(json.stdout)
        #expect(rows.compactMap { ($0["position"] as? NSNumber)?.intValue } == madeByLiziya)
        #expect(rows.allSatisfy { $0["actor"] as? String == "liziya" && $0["role"] as? String == "reseller" })
        let types = Set(rows.compactMap { $0["type"] as? String })
        #expect(types.isSuperset(of: ["group.created", "sim.allocated", "number.imported", "subscriber.terminated", "sim.retired", "number.quarantined"]))
        // Changes made to liziya by someone else are not hers: mike added her.
        #expect(!rows.contains { $0["type"] as? String == "user.added" && ($0["tags"] as? [String])?.contains("user:liziya") == true })

        let text = try provctl.run(["audit", "user", "liziya"])
        #expect(text.status == 0)
        let table = LogTools.tableRows(text.stdout)
        #expect(table.count == madeByLiziya.count)
        #expect(table.allSatisfy { $0.count > 2 && $0[2] == "liziya" })
        #expect(table.map { Int($0[0]) } == madeByLiziya.map { Optional($0) })

        // megan.it did two things: provision Adele (three events) and nothing else.
        let megan = try LogTools.lines(try provctl.run(["audit", "user", "megan.it", "--json"]).stdout)
        #expect(megan.map { $0["type"] as? String } == ["subscriber.provisioned", "sim.activated", "number.assigned"])
    }

    @Test func sinceAndUntilKeepTheEventsRecordedInTheirRangeWithTheirTrueStatusBefore() throws {
        let (directory, provctl) = try Self.pausedWalkthrough()
        _ = directory
        let log = try LogTools.lines(try provctl.run(["log", "--json"]).stdout)
        #expect(log.count == 54)
        func time(_ position: Int) -> (text: String, ms: Int64) {
            let event = log[position - 1]
            return (event["recorded-at"] as? String ?? "", (event["recorded-at-ms"] as? NSNumber)?.int64Value ?? 0)
        }
        let lastBeforePause = try #require(log.lastIndex { ($0["command-id"] as? String) == "walkthrough-38" }) + 1
        let firstAfterPause = lastBeforePause + 1
        #expect(time(firstAfterPause).ms > time(lastBeforePause).ms)

        func audit(_ arguments: [String]) throws -> [[String: Any]] {
            let result = try provctl.run(["audit"] + arguments + ["--json"])
            #expect(result.status == 0, "\(result.stderr)")
            return try LogTools.lines(result.stdout)
        }
        let all = try audit(["sim", LogTools.adelesSIM])
        func ms(_ row: [String: Any]) -> Int64 { (row["recorded-at-ms"] as? NSNumber)?.int64Value ?? -1 }
        func types(_ rows: [[String: Any]]) -> [String] { rows.compactMap { $0["type"] as? String } }

        let since = try audit(["sim", LogTools.adelesSIM, "--since", time(firstAfterPause).text])
        #expect(types(since) == ["subscriber.provisioned", "sim.activated", "subscriber.terminated", "sim.retired"])
        // The status before comes from the SIM's whole history, not from the filtered rows.
        #expect(since.first?["status-before"] as? String == "ALLOCATED")

        let until = try audit(["sim", LogTools.adelesSIM, "--until", time(lastBeforePause).text])
        #expect(types(until) == ["sim.booked-in", "sim.reserved", "sim.allocated"])

        // Both, inclusive at either end: exactly the rows whose time is in the range.
        let (low, high) = (time(43).ms, time(50).ms)
        let both = try audit(["sim", LogTools.adelesSIM, "--since", time(43).text, "--until", time(50).text])
        #expect(types(both) == types(all.filter { ms($0) >= low && ms($0) <= high }))
        #expect(types(both).contains("sim.allocated") && types(both).contains("sim.activated"))

        // A user's changes, filtered the same way.
        let liziyaAfter = try audit(["user", "liziya", "--since", time(firstAfterPause).text])
        #expect(types(liziyaAfter) == ["number.imported", "number.imported", "number.imported", "subscriber.terminated", "sim.retired", "number.quarantined"])
        let liziyaBefore = try audit(["user", "liziya", "--until", time(lastBeforePause).text])
        #expect(liziyaBefore.count + liziyaAfter.count == (try audit(["user", "liziya"])).count)

        // Whole dates are read as midnight UTC; a range in the past is empty, not an error.
        #expect(try audit(["sim", LogTools.adelesSIM, "--until", "2000-01-01"]).isEmpty)
        let wrong = try provctl.run(["audit", "sim", LogTools.adelesSIM, "--since", "yesterday"])
        #expect(wrong.status == 65 && wrong.stderr.contains("yesterday"))
        // An item the log never saw is not an empty history: 66, naming it.
        let never = try provctl.run(["audit", "sim", "894453000000099999"])
        #expect(never.status == 66 && never.stderr.contains("894453000000099999") && never.stdout.isEmpty)
        let nobody = try provctl.run(["audit", "user", "nobody", "--until", "2000-01-01"])
        #expect(nobody.status == 66 && nobody.stderr.contains("user nobody"))
    }

    @Test func theAuditOfANumberShowsItsStatusBeforeAndAfter() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("audit-number")
        _ = directory
        let rows = try LogTools.lines(try provctl.run(["audit", "number", LogTools.adelesNumber, "--json"]).stdout)
        let changes = rows.filter { ($0["type"] as? String)?.hasPrefix("number.") == true }
        #expect(changes.map { $0["type"] as? String } == ["number.imported", "number.assigned", "number.quarantined"])
        #expect(changes.map { $0["status-after"] as? String } == ["AVAILABLE", "ASSIGNED", "QUARANTINED"])
        #expect(changes.map { $0["status-before"] as? String } == [nil, "AVAILABLE", "ASSIGNED"])
        let subscriber = try LogTools.lines(try provctl.run(["audit", "subscriber", LogTools.adele, "--json"]).stdout)
        #expect(subscriber.first?["type"] as? String == "subscriber.provisioned")
        #expect(subscriber.contains { $0["type"] as? String == "subscriber.terminated" && $0["reason"] as? String == "end of the trial" })
    }

    @Test func logPrintsEveryEventAndItsJSONLinesParse() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("log")
        _ = directory
        let json = try provctl.run(["log", "--json"])
        #expect(json.status == 0)
        let events = try LogTools.lines(json.stdout)
        #expect(events.compactMap { ($0["position"] as? NSNumber)?.intValue } == Array(1...54))
        for event in events {
            for field in ["recorded-at", "recorded-at-ms", "type", "schema-version", "actor", "role", "command-id", "tags", "payload", "hash"] {
                #expect(event[field] != nil, "log --json lacks \(field)")
            }
            #expect((event["hash"] as? String)?.count == 64)
        }
        let times = events.compactMap { ($0["recorded-at-ms"] as? NSNumber)?.int64Value }
        #expect(times == times.sorted(), "recorded-at never decreases along the log")

        let text = try provctl.run(["log"])
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.count == 54)
        #expect(lines.first?.hasPrefix("1  ") == true && lines.first?.contains("store.initialized") == true)
        #expect(lines.last?.hasPrefix("54  ") == true && lines.last?.contains("liziya (reseller)") == true)

        let reserved = try provctl.run(["log", "--type", "sim.reserved"])
        #expect(reserved.status == 0)
        let reservedLines = reserved.stdout.split(separator: "\n")
        #expect(reservedLines.count == 3 && reservedLines.allSatisfy { $0.contains("  sim.reserved  ") && $0.contains("mike (distributor)") })
        let reservedJSON = try LogTools.lines(try provctl.run(["log", "--type", "sim.reserved", "--json"]).stdout)
        #expect(reservedJSON.compactMap { ($0["position"] as? NSNumber)?.intValue } == [40, 41, 42])

        let window = try LogTools.lines(try provctl.run(["log", "--from", "50", "--limit", "2", "--json"]).stdout)
        #expect(window.compactMap { ($0["position"] as? NSNumber)?.intValue } == [50, 51])
        let typedWindow = try LogTools.lines(try provctl.run(["log", "--from", "41", "--limit", "2", "--type", "sim.allocated", "--json"]).stdout)
        #expect(typedWindow.compactMap { ($0["position"] as? NSNumber)?.intValue } == [43, 44])

        let none = try provctl.run(["log", "--limit", "0"])
        #expect(none.status == 0 && none.stdout.isEmpty, "--limit 0 prints nothing")
        let past = try provctl.run(["log", "--from", "99"])
        #expect(past.status == 0 && past.stdout.isEmpty)
        let unknown = try provctl.run(["log", "--type", "sim.nothing"])
        #expect(unknown.status == 0 && unknown.stdout.isEmpty)
    }

    /// The log is read a page of 10,000 records at a time: every page is printed, not
    /// only the first (`log` once stopped at 10,000 events), and a type filter or a
    /// limit reaches past the first page.
    @Test func logPrintsEveryPage() throws {
        let store = TemporaryDirectory("log-pages")
        let provctl = ProvctlProcess(store: store.path)
        #expect(try provctl.run(["init", "--distributor", "Mobilise", "--admin", "mike", "--admin-email", "mike@example.com"]).status == 0)
        let iccids = (0..<25_000).map { "89445300000" + String(3_000_000 + $0) }
        let files = TemporaryDirectory("log-pages-files")
        let list = try LogTools.write(iccids, named: "iccids.txt", in: files)
        let bookin = try provctl.run(["sims", "bookin", "--sim-type", "MXG-ET085", "--form", "physical", "--file", list], as: "mike")
        #expect(bookin.status == 0, "\(bookin.stderr)")
        let head = 2 + iccids.count

        let lines = try provctl.run(["log"]).stdout.split(separator: "\n")
        #expect(lines.count == head)
        #expect(lines.last?.hasPrefix("\(head)  ") == true)
        let booked = try provctl.run(["log", "--type", "sim.booked-in", "--from", "20000", "--json"])
        #expect(try LogTools.lines(booked.stdout).compactMap { ($0["position"] as? NSNumber)?.intValue } == Array(20_000...head))
        let window = try provctl.run(["log", "--from", "9999", "--limit", "10003"]).stdout.split(separator: "\n")
        #expect(window.count == 10_003 && window.first?.hasPrefix("9999  ") == true && window.last?.hasPrefix("20001  ") == true)

        // An audit longer than a page of its reads (4,096 rows): every row, in order,
        // the table's columns measured over all of them.
        let audited = try LogTools.lines(try provctl.run(["audit", "user", "mike", "--json"]).stdout)
            .compactMap { ($0["position"] as? NSNumber)?.intValue }
        // mike made every event of this store: the init's two and the book-in's.
        #expect(audited == Array(1...head))
        let table = try provctl.run(["audit", "user", "mike"])
        #expect(table.status == 0)
        #expect(table.stdout.hasSuffix("\n") && !table.stdout.hasSuffix("\n\n"))
        let rows = table.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(rows.count == audited.count + 1)
        let timeColumn = try #require(rows.first?.range(of: "TIME")).lowerBound.utf16Offset(in: rows.first!)
        // The widest position has as many digits as the head: every row's time starts where the header's does.
        #expect(rows.dropFirst().allSatisfy { $0.dropFirst(timeColumn).hasPrefix("20") && $0.prefix(timeColumn).hasSuffix("  ") })
        #expect(rows.last?.hasPrefix("\(head)  ") == true)
    }

    /// Listings are written a buffer at a time (`StreamedTable`, `JSONValue.writePrettyArray`):
    /// the same text as one whole document, an empty one included.
    @Test func listingsPrintWholeDocuments() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("listings")
        _ = directory
        let json = try provctl.run(["sims", "list", "--json"])
        #expect(json.status == 0)
        #expect(json.stdout.hasPrefix("[\n  {\n    \"iccid\": ") && json.stdout.hasSuffix("\n  }\n]\n"))
        #expect(json.stdout.components(separatedBy: "\n  },\n  {\n").count == 3)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(parsed?.count == 3)
        #expect(try provctl.run(["subscriber", "list", "--status", "PROVISIONED", "--json"]).stdout == "[]\n")
        #expect(try provctl.run(["subscriber", "list", "--status", "PROVISIONED"]).stdout
            == "SUBUID  NAME  NUMBER  EMAIL  SIM  HOME LOCATION  STATUS\n")
        let table = try provctl.run(["sims", "list"]).stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(table.count == 5 && table.last == "")
        let statusColumn = try #require(table[0].range(of: "STATUS")).lowerBound.utf16Offset(in: table[0])
        #expect(table[1..<4].allSatisfy { $0.dropFirst(statusColumn).hasPrefix("ALLOCATED") || $0.dropFirst(statusColumn).hasPrefix("RETIRED") })
    }

    @Test func statsCountsTheWalkthrough() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("stats")
        _ = directory
        let json = try provctl.run(["stats", "--json"])
        #expect(json.status == 0)
        let stats = try LogTools.object(json.stdout)
        #expect((stats["events"] as? NSNumber)?.intValue == 54)
        #expect((stats["head-position"] as? NSNumber)?.intValue == 54)
        #expect(stats["head-time"] is String)
        #expect(((stats["store-bytes"] as? NSNumber)?.intValue ?? 0) > 0)
        #expect(((stats["map-bytes"] as? NSNumber)?.intValue ?? 0) >= ((stats["used-bytes"] as? NSNumber)?.intValue ?? .max))
        func counts(_ key: String) -> [String: Int] {
            ((stats[key] as? [String: Any]) ?? [:]).compactMapValues { ($0 as? NSNumber)?.intValue }
        }
        #expect(counts("sims-by-status") == ["BOOKIN": 0, "RESERVED": 0, "ALLOCATED": 2, "ACTIVE": 0, "RETIRED": 1])
        #expect(counts("numbers-by-status") == ["AVAILABLE": 2, "ASSIGNED": 0, "QUARANTINED": 1])
        #expect(counts("subscribers-by-status") == ["PROVISIONED": 0, "TERMINATED": 1])
        // Events by type: the log's own count of each type.
        let log = try LogTools.lines(try provctl.run(["log", "--json"]).stdout)
        var byType: [String: Int] = [:]
        for event in log { byType[event["type"] as? String ?? "?", default: 0] += 1 }
        #expect(counts("events-by-type") == byType)
        #expect(counts("events-by-type").values.reduce(0, +) == 54)
        #expect(counts("events-by-type")["sim.booked-in"] == 3 && counts("events-by-type")["user.added"] == 7)

        let text = try provctl.run(["stats"])
        #expect(text.status == 0)
        for pattern in [#"Events:\s+54\n"#, #"Head:\s+position 54 at "#, #"\nRETIRED\s+1\n"#, #"\nALLOCATED\s+2\n"#,
                        #"\nQUARANTINED\s+1\n"#, #"\nTERMINATED\s+1\n"#, #"\nsim\.booked-in\s+3\n"#, "SIMs by status", "Numbers by status",
                        "Subscribers by status", "Events by type"] {
            #expect(text.stdout.range(of: pattern, options: .regularExpression) != nil, "stats lacks \(pattern)")
        }
    }
}
