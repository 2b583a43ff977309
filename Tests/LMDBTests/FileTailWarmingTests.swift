import Foundation
@testable import LMDB
import Testing
import TestSupport

/// `withFileTailWarmed`: the tail of the data file is read into the page cache while
/// the transaction runs, the data is what it would be without, and a transaction that
/// throws leaves the file as long as it was.
@Suite struct FileTailWarmingTests {
    static let tail = 8 << 20

    static func value(_ number: Int) -> [UInt8] { Array(repeating: UInt8(truncatingIfNeeded: number), count: 300) }

    static func length(_ directory: TemporaryDirectory) -> Int {
        var status = stat()
        return stat(directory.path + "/data.mdb", &status) == 0 ? Int(status.st_size) : -1
    }

    /// How many of the pages of `range` of the data file are in the page cache (mincore).
    static func residentPages(_ directory: TemporaryDirectory, _ range: Range<Int>) -> (resident: Int, pages: Int) {
        let descriptor = open(directory.path + "/data.mdb", O_RDONLY)
        defer { close(descriptor) }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard let map = mmap(nil, range.count, PROT_READ, MAP_SHARED, descriptor, off_t(range.lowerBound)),
            map != MAP_FAILED
        else { return (-1, 0) }
        defer { munmap(map, range.count) }
        let pages = (range.count + page - 1) / page
        var residency = [UInt8](repeating: 0, count: pages)
        guard mincore(map, range.count, &residency) == 0 else { return (-1, pages) }
        return (residency.reduce(0) { $0 + Int($1 & 1) }, pages)
    }

    /// While the transaction runs, the bytes past the pages in use come into the page
    /// cache, the file is extended over them (a hole), and what the transaction
    /// writes reads back the same after the commit.
    @Test func theTailIsReadWhileTheTransactionRuns() throws {
        let directory = TemporaryDirectory("lmdb")
        let env = try Environment(path: directory.path, databases: ["table"])
        let table = env.database("table")
        try env.write { txn in try txn.put(table, [0], Self.value(0)) }
        let used = env.info.usedBytes
        let before = Self.length(directory)
        #expect(before < used + Self.tail)

        var residentDuring = 0
        try env.write { txn in
            try txn.withFileTailWarmed(bytes: Self.tail) {
                #expect(Self.length(directory) == used + Self.tail)
                // The reading thread gets through 8 MiB of a hole in well under a second.
                let deadline = Date().addingTimeInterval(10)
                repeat {
                    residentDuring = Self.residentPages(directory, used..<(used + Self.tail)).resident
                } while residentDuring < Self.tail / 4_096 && Date() < deadline
                for number in 1..<5_000 {
                    try txn.put(table, Array(String(number).utf8), Self.value(number))
                }
            }
        }
        #expect(residentDuring == Self.tail / 4_096)
        let entries = try env.entries(of: table)
        #expect(entries.count == 5_000)
        #expect(entries.contains(Array("4999".utf8) + [0xFF] + Self.value(4_999)))
        // The hole stays past what the commit used; LMDB's next pages go there.
        #expect(Self.length(directory) == used + Self.tail)
        #expect(env.info.usedBytes <= used + Self.tail)
    }

    /// A transaction that throws leaves the data file byte for byte as it was, its
    /// length included.
    @Test func aThrowLeavesTheFileAsItWas() throws {
        let directory = TemporaryDirectory("lmdb")
        let env = try Environment(path: directory.path, databases: ["table"])
        let table = env.database("table")
        try env.write { txn in try txn.put(table, [0], Self.value(0)) }
        let before = try env.entries(of: table)
        let length = Self.length(directory)
        let data = try Data(contentsOf: URL(fileURLWithPath: directory.path + "/data.mdb"))

        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try env.write { txn in
                try txn.withFileTailWarmed(bytes: Self.tail) {
                    for number in 1..<20_000 {
                        try txn.put(table, Array(String(number).utf8), Self.value(number))
                    }
                    throw Refused()
                }
            }
        }
        #expect(Self.length(directory) == length)
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path + "/data.mdb")) == data)
        #expect(try env.entries(of: table) == before)
        // And the store goes on: the next write commits.
        try env.write { txn in try txn.put(table, [1], Self.value(1)) }
        #expect(try env.entries(of: table).count == 2)
    }

    /// In a nested transaction nothing is warmed and the file is not extended: a cut
    /// back after a throw could cut off the parent's pages.
    @Test func aNestedTransactionWarmsNothing() throws {
        let directory = TemporaryDirectory("lmdb")
        let env = try Environment(path: directory.path, databases: ["table"])
        let table = env.database("table")
        try env.write { txn in try txn.put(table, [0], Self.value(0)) }
        let length = Self.length(directory)
        try env.write { txn in
            try txn.nested { child in
                try child.withFileTailWarmed(bytes: Self.tail) {
                    #expect(Self.length(directory) == length)
                    try child.put(table, [1], Self.value(1))
                }
            }
        }
        // The commit wrote a few pages past the end, as any commit does.
        #expect(Self.length(directory) < length + Self.tail)
        #expect(try env.entries(of: table).count == 2)
    }
}
