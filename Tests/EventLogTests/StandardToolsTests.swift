import EventLog
import Foundation
import Testing
import TestSupport

/// Acceptance item 8: the store is plain LMDB, read by the standard tools of
/// lmdb-utils (`scripts/install-deps` installs them) run as child processes.
@Suite struct StandardToolsTests {
    static func store() throws -> TemporaryDirectory {
        let directory = TemporaryDirectory("tools")
        let log = try EventLog(path: directory.path)
        try log.append((0..<50).map { sampleEvent($0) }, metadata: sampleMetadata("tools-1"))
        try log.append((50..<60).map { sampleEvent($0) }, metadata: sampleMetadata("tools-2"))
        return directory
    }

    static func tool(_ name: String) throws -> URL {
        try #require(programOnPath(name), "\(name) is not installed: run scripts/install-deps (lmdb-utils)")
    }

    @Test func mdbStatListsTheNamedDatabasesWithTheirEntries() throws {
        let directory = try Self.store()
        let (status, output, errors) = try run(try Self.tool("mdb_stat"), ["-a", directory.path])
        #expect(status == 0, "\(errors)")
        for name in EventLog.coreDatabases {
            #expect(output.contains("Status of \(name)"), "\(output)")
        }
        // The entry counts follow the sections: 60 events, 120 tag entries, 2 commands.
        let sections = Dictionary(
            uniqueKeysWithValues: output.components(separatedBy: "Status of ").dropFirst().map { section in
                let lines = section.split(separator: "\n")
                let entries = lines.first { $0.contains("Entries:") }.flatMap { Int($0.split(separator: " ").last!) }
                return (String(lines[0]), entries)
            })
        #expect(sections["events"] == 60)
        #expect(sections["tags"] == 120)
        #expect(sections["commands"] == 2)
    }

    @Test func mdbDumpDumpsEveryNamedDatabaseAndTheEventsOne() throws {
        let directory = try Self.store()
        let dump = try Self.tool("mdb_dump")
        let all = try run(dump, ["-a", directory.path])
        #expect(all.status == 0, "\(all.errors)")
        let databases = all.output.split(separator: "\n").filter { $0.hasPrefix("database=") }
        #expect(Set(databases) == Set(EventLog.coreDatabases.map { "database=\($0)" }))

        let events = try run(dump, ["-s", "events", directory.path])
        #expect(events.status == 0, "\(events.errors)")
        // One key line and one value line per record, between HEADER=END and DATA=END.
        let lines = events.output.split(separator: "\n")
        let start = try #require(lines.firstIndex(of: "HEADER=END"))
        let end = try #require(lines.firstIndex(of: "DATA=END"))
        #expect(end - start - 1 == 2 * 60)
        // The first key is position 1, big-endian.
        #expect(lines[start + 1] == " 0000000000000001")

        let meta = try run(dump, ["-p", "-s", "meta", directory.path])
        #expect(meta.status == 0, "\(meta.errors)")
        #expect(meta.output.contains(" provisioning-ledger-log/2"))
    }
}
