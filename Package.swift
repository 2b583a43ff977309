// swift-tools-version:6.1
import PackageDescription

// The same strict settings on every target (the swift-log habit): Swift 6 language
// mode with complete concurrency checking comes with the tools version.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "ProvisioningLedger",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "provctl", targets: ["provctl"]),
        .library(name: "LMDB", targets: ["LMDB"]),
        .library(name: "WireFormat", targets: ["WireFormat"]),
        .library(name: "EventLog", targets: ["EventLog"]),
        .library(name: "Provisioning", targets: ["Provisioning"]),
        .library(name: "ReadModels", targets: ["ReadModels"]),
        .library(name: "Engine", targets: ["Engine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
    ],
    targets: [
        // The C library, found through pkg-config; Debian's liblmdb-dev provides it.
        .systemLibrary(
            name: "CLMDB",
            pkgConfig: "lmdb",
            providers: [.apt(["liblmdb-dev"])]
        ),
        // QR codes of eSIM activation codes; Debian's libqrencode-dev.
        .systemLibrary(
            name: "CQREncode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        // SHA-256 for the log's hash chain from the system's libcrypto (Debian's
        // libssl-dev): a context on the stack, no allocation a record.
        // (No pkgConfig: its flags would link the shared library; the headers are in
        // /usr/include, and scripts/install-deps installs them when missing.)
        .systemLibrary(name: "CLibCrypto"),
        // The compiler's prefetch hint, for a rebuild's fold (a header, nothing to link).
        .systemLibrary(name: "CPrefetch"),
        // A small safe wrapper: no C type or LMDB pointer leaves it.
        .target(name: "LMDB", dependencies: ["CLMDB", "Threads"]),
        // Byte-level encoding shared by the log records and the event payloads.
        .target(name: "WireFormat"),
        // Work on a second thread (a POSIX thread of its own), for the layers above.
        .target(name: "Threads"),
        // The append-only, hash-chained event log. Knows nothing of SIMs.
        .target(
            name: "EventLog",
            dependencies: ["LMDB", "WireFormat", "Threads", "CLibCrypto"],
            // libcrypto linked statically: only its SHA-256 is used, and the shared
            // library's loading and relocation cost every provctl process 0.5 ms.
            // (An unsafe flag: fine for this package and local ones like Benchmarks/;
            // a package depending on EventLog by URL would need .linkedLibrary instead.)
            linkerSettings: [.unsafeFlags(["-Xlinker", "-Bstatic", "-Xlinker", "-lcrypto", "-Xlinker", "-Bdynamic"])]
        ),
        // The domain: commands, events, decide and evolve. Pure: no storage, no clock.
        .target(
            name: "Provisioning",
            dependencies: ["WireFormat", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The domain's state kept in LMDB tables, with the indexes the queries need.
        .target(name: "ReadModels", dependencies: ["Provisioning", "LMDB", "WireFormat", "Threads", "CPrefetch"]),
        // One change = one write transaction: decide, append, project, commit.
        .target(
            name: "Engine",
            dependencies: [
                "EventLog", "ReadModels", "Provisioning", "LMDB", "WireFormat", "Threads",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // The command-line tool: a thin shell over Engine and ReadModels.
        .executableTarget(
            name: "provctl",
            dependencies: [
                "Engine", "ReadModels", "Provisioning", "EventLog", "LMDB", "CQREncode", "Threads",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // Each provctl run is a process: linked dynamically, the Swift runtime and
            // Foundation cost ~10 ms of loading and relocation before main (a `sims
            // show` was 14 ms, 12 of them start-up). Statically linked, ~2 ms.
            // (The flag goes to the compiler too: the static modules' autolink entries
            // name the libraries static Foundation needs, ICU's among them.)
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux]))],
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-Xclang-linker", "-no-pie"], .when(platforms: [.linux]))]
        ),

        // A child process for the EventLog tests (killed mid-append, or one of two
        // writers at once); only the tests run it.
        // What the test targets share: scratch directories and a seeded generator.
        .target(name: "TestSupport", dependencies: ["LMDB"], path: "Tests/TestSupport"),
        .executableTarget(name: "eventlog-stress", dependencies: ["EventLog", "TestSupport"], path: "Tests/EventLogStress"),
        // A child process for HeapWarmingTests: the main heap it probes is its own.
        .executableTarget(name: "heap-probe", dependencies: ["Threads"], path: "Tests/HeapProbe"),

        .testTarget(name: "LMDBTests", dependencies: ["LMDB", "TestSupport", "Threads"]),
        .testTarget(name: "ThreadsTests", dependencies: ["Threads"]),
        .testTarget(name: "WireFormatTests", dependencies: ["WireFormat"]),
        .testTarget(
            name: "EventLogTests",
            dependencies: ["EventLog", "LMDB", "TestSupport", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(name: "ProvisioningTests", dependencies: ["Provisioning", "TestSupport"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "ReadModels", "Provisioning", "EventLog", "LMDB", "TestSupport"]),
        .testTarget(
            name: "ProvctlTests",
            dependencies: ["Provisioning", "LMDB", "TestSupport", .product(name: "Crypto", package: "swift-crypto")]
        ),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSettings
}
