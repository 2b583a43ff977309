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
        .library(name: "LMDB", targets: ["LMDB"]),
        .library(name: "WireFormat", targets: ["WireFormat"]),
        .library(name: "EventLog", targets: ["EventLog"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "3.12.3"),
    ],
    targets: [
        // The C library, found through pkg-config; Debian's liblmdb-dev provides it.
        .systemLibrary(
            name: "CLMDB",
            pkgConfig: "lmdb",
            providers: [.apt(["liblmdb-dev"])]
        ),
        // A small safe wrapper: no C type or LMDB pointer leaves it.
        .target(name: "LMDB", dependencies: ["CLMDB"]),
        // Byte-level encoding shared by the log records and the event payloads.
        .target(name: "WireFormat"),
        // The append-only, hash-chained event log. Knows nothing of SIMs.
        .target(
            name: "EventLog",
            dependencies: ["LMDB", "WireFormat", .product(name: "Crypto", package: "swift-crypto")]
        ),

        // A child process for the EventLog tests (killed mid-append, or one of two
        // writers at once); only the tests run it.
        .executableTarget(name: "eventlog-stress", dependencies: ["EventLog"], path: "Tests/EventLogStress"),

        .testTarget(name: "LMDBTests", dependencies: ["LMDB"]),
        .testTarget(name: "WireFormatTests", dependencies: ["WireFormat"]),
        .testTarget(name: "EventLogTests", dependencies: ["EventLog", "LMDB"]),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSettings
}
