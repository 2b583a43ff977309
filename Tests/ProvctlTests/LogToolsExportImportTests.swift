import Foundation
import Testing
import TestSupport

/// Issue 5, acceptance 4: export, then import into a new store, gives the same log and
/// the same read models; a damaged export is refused naming its line, leaving the
/// target store empty.
@Suite struct LogToolsExportImportTests {
    @Test func exportThenImportGivesTheSameLogAndTheSameReadModels() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("export")
        let files = TemporaryDirectory("export-files")
        try FileManager.default.createDirectory(atPath: files.path, withIntermediateDirectories: true)
        let exported = files.path + "/ledger.jsonl"
        let export = try provctl.run(["export", "--output", exported])
        #expect(export.status == 0 && export.stdout.isEmpty, "\(export.stderr)")
        let text = try String(contentsOfFile: exported, encoding: .utf8)
        #expect(try provctl.run(["export"]).stdout == text, "standard output and --output write the same")
        let lines = try LogTools.lines(text)
        #expect(lines.count == 54)
        #expect(lines.allSatisfy { $0["record"] is String && $0["hash"] is String })

        let copy = TemporaryDirectory("import")
        let target = ProvctlProcess(store: copy.path)
        let imported = try target.run(["import", exported])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("54 events"))

        // The same log: the second export equals the first, hash for hash.
        let again = try target.run(["export"]).stdout
        #expect(again == text)
        #expect(try LogTools.lines(again).map { $0["hash"] as? String } == lines.map { $0["hash"] as? String })
        #expect(try target.run(["verify"]).status == 0)
        let heads = try [provctl, target].map { try LogTools.object(try $0.run(["verify", "--json"]).stdout)["head-hash"] as? String }
        #expect(heads[0] != nil && heads[0] == heads[1])

        // The same read models, byte for byte, database by database.
        let names = try LogTools.databaseNames(store: directory.path).filter { $0.hasPrefix("rm.") }
        #expect(names.count == 15)
        #expect(try LogTools.databaseNames(store: copy.path).filter { $0.hasPrefix("rm.") } == names)
        for name in names + ["events", "tags", "commands", "meta"] {
            #expect(try LogTools.dump(name, store: copy.path) == (try LogTools.dump(name, store: directory.path)), "\(name) differs")
        }
        // And as the views show them.
        for view in [["sims", "list"], ["numbers", "list"], ["subscriber", "show", LogTools.adele], ["subscriber", "list"],
                     ["reseller", "list"], ["group", "list"], ["user", "list"], ["bundle", "list"]] {
            let original = try provctl.run(view + ["--json"])
            #expect(original.status == 0)
            #expect(try target.run(view + ["--json"]).stdout == original.stdout, "\(view) differs")
        }
        let stats = try [provctl, target].map { try LogTools.object(try $0.run(["stats", "--json"]).stdout) }
        for key in ["events", "events-by-type", "sims-by-status", "numbers-by-status", "subscribers-by-status"] {
            #expect(try LogTools.serialized([key: stats[0][key] ?? 0]) == (try LogTools.serialized([key: stats[1][key] ?? 0])))
        }
        // Running the walkthrough on the copy applies nothing: the command ids came along.
        let rerun = try target.run(["run", LogTools.walkthrough])
        #expect(rerun.status == 0 && rerun.stdout.contains("(0 events)"), "\(rerun.stdout)")

        // An export whose line ends became "\r\n" on the way still imports.
        let crlf = files.path + "/ledger-crlf.jsonl"
        try text.replacingOccurrences(of: "\n", with: "\r\n").write(toFile: crlf, atomically: false, encoding: .utf8)
        let crlfStore = TemporaryDirectory("import-crlf")
        let crlfTarget = ProvctlProcess(store: crlfStore.path)
        #expect(try crlfTarget.run(["import", crlf]).status == 0)
        #expect(try crlfTarget.run(["export"]).stdout == text)

        // A partial export (--from) and an import into a store that is not empty.
        let tail = try LogTools.lines(try provctl.run(["export", "--from", "50"]).stdout)
        #expect(tail.compactMap { ($0["position"] as? NSNumber)?.intValue } == [50, 51, 52, 53, 54])
        let twice = try target.run(["import", exported])
        #expect(twice.status == 65 && twice.stderr.contains("already holds 54 events"), "\(twice.stderr)")
        #expect(try target.run(["export"]).stdout == text)
    }

    enum Damage: String, CaseIterable, CustomTestStringConvertible {
        case editedPayload, editedPayloadAndRecord, editedActor, editedTags, editedReason, editedTime
        case truncated, notJSON, emptyObject, reorderedPair, missingLine, repeatedLine, truncatedLastLine

        var testDescription: String { rawValue }

        /// The line (1-based) an import must name.
        var line: Int {
            switch self {
            case .editedPayload, .editedPayloadAndRecord, .editedActor, .editedTags, .editedReason, .editedTime: 40
            case .truncated, .notJSON, .emptyObject, .reorderedPair, .missingLine: 10
            case .repeatedLine: 11
            case .truncatedLastLine: 54
            }
        }

        func apply(to lines: [String]) throws -> [String] {
            var lines = lines
            func edit(_ index: Int, _ change: (inout [String: Any]) throws -> Void) throws {
                var object = try LogTools.object(lines[index])
                try change(&object)
                lines[index] = try LogTools.serialized(object)
            }
            func flipLast(_ base64: Any?) throws -> String {
                var bytes = try LogTools.base64(base64)
                bytes[bytes.count - 1] ^= 0x01
                return Data(bytes).base64EncodedString()
            }
            switch self {
            case .editedPayload:
                try edit(39) { $0["payload"] = try flipLast($0["payload"]) }
            case .editedPayloadAndRecord:
                // The payload's last byte, in the readable field and in the record (just before its 32-byte hash).
                try edit(39) { object in
                    object["payload"] = try flipLast(object["payload"])
                    var record = try LogTools.base64(object["record"])
                    record[record.count - 33] ^= 0x01
                    object["record"] = Data(record).base64EncodedString()
                }
            case .editedActor:
                try edit(39) { $0["actor"] = "liziya" }
            case .editedTags:
                try edit(39) { $0["tags"] = ($0["tags"] as? [String] ?? []).dropLast().map { $0 } }
            case .editedReason:
                try edit(39) { $0["reason"] = "nobody did this" }
            case .editedTime:
                try edit(39) { $0["recorded-at"] = "2020-01-01T00:00:00.000Z" }
            case .truncated:
                lines[9] = String(lines[9].prefix(lines[9].count / 2))
            case .notJSON:
                lines[9] = "this is not an event"
            case .emptyObject:
                lines[9] = "{}"
            case .reorderedPair:
                lines.swapAt(9, 10)
            case .missingLine:
                lines.remove(at: 9)
            case .repeatedLine:
                lines.insert(lines[9], at: 10)
            case .truncatedLastLine:
                lines[53] = String(lines[53].prefix(100))
            }
            return lines
        }
    }

    /// Exports of the walkthrough, made once for all the damage cases.
    static let exportedLines: [String] = {
        let (directory, provctl) = try! LogTools.walkthroughStore("export-damage")
        defer { _ = directory }
        return try! provctl.run(["export"]).stdout.split(separator: "\n").map(String.init)
    }()

    @Test(arguments: Damage.allCases)
    func aDamagedExportIsRefusedNamingItsLineAndLeavesTheStoreEmpty(_ damage: Damage) throws {
        let files = TemporaryDirectory("damaged")
        let path = try LogTools.write(try damage.apply(to: Self.exportedLines), named: "\(damage).jsonl", in: files)
        let store = TemporaryDirectory("damaged-store")
        let target = ProvctlProcess(store: store.path)
        let result = try target.run(["import", path])
        #expect(result.status == 65, "\(damage): \(result.stderr)")
        #expect(result.stderr.contains("\(damage).jsonl line \(damage.line):"), "\(damage): \(result.stderr)")
        #expect(result.stderr.contains("nothing was imported"))
        #expect(result.stdout.isEmpty)

        // Nothing was kept: no event, no tag, no command id, no read model.
        let stats = try LogTools.object(try target.run(["stats", "--json"]).stdout)
        #expect((stats["events"] as? NSNumber)?.intValue == 0)
        #expect(try target.run(["log"]).stdout.isEmpty)
        for name in ["events", "tags", "commands", "rm.sims", "rm.users", "rm.index", "rm.counts"] {
            let dump = try LogTools.dump(name, store: store.path)
            #expect(!dump.contains("\n "), "\(name) holds entries after a refused import")
        }
        // The store is still usable: the good export goes in.
        let good = try LogTools.write(Self.exportedLines, named: "good.jsonl", in: files)
        #expect(try target.run(["import", good]).status == 0)
    }

    /// `import -` reads standard input: `provctl export | provctl --store COPY import -`.
    @Test func anImportFromStandardInputGivesTheSameLog() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("export-pipe")
        let text = try provctl.run(["export"]).stdout
        let copy = TemporaryDirectory("import-pipe")
        let target = ProvctlProcess(store: copy.path)
        let imported = try target.run(["import", "-"], stdin: text)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "Imported 54 events from - and rebuilt the read models.\n")
        #expect(try target.run(["export"]).stdout == text)
        for name in ["events", "tags", "rm.sims", "rm.subscribers"] {
            #expect(try LogTools.dump(name, store: copy.path) == (try LogTools.dump(name, store: directory.path)), "\(name) differs")
        }

        // A damaged line read from standard input is named by its number, and nothing is kept.
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[2] = String(lines[2].dropLast(5))
        // Held to the end of the test: a TemporaryDirectory removes its directory when
        // released, and one released at once left the store the child made behind.
        let refusedStore = TemporaryDirectory("import-pipe-bad")
        defer { withExtendedLifetime(refusedStore) {} }
        let refused = try ProvctlProcess(store: refusedStore.path)
            .run(["import", "-"], stdin: lines.joined(separator: "\n"))
        #expect(refused.status == 65, "\(refused)")
        #expect(refused.stderr.hasPrefix("provctl: - line 3: "), "\(refused.stderr)")
    }

    @Test func anImportOfAMissingFileIsNotFound() throws {
        let store = TemporaryDirectory("import-missing")
        let result = try ProvctlProcess(store: store.path).run(["import", store.path + "-nothing.jsonl"])
        #expect(result.status == 66)
        #expect(!FileManager.default.fileExists(atPath: store.path), "no store is left behind")
    }
}
