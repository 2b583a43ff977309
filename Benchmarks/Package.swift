// swift-tools-version:6.1
import PackageDescription

// The benchmarks of ProvisioningLedger, in their own package so that `make test`
// never builds package-benchmark. Run with `make benchmark` from the root, or
// `swift package --allow-writing-to-package-directory benchmark` here.
let package = Package(
    name: "ProvisioningLedgerBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named: a path dependency's identity is otherwise its folder's name (wt-log,
        // main, whatever a clone is called), which the products below could not name.
        .package(name: "ProvisioningLedger", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Stores and SIM-like events shared by the benchmark targets.
        .target(
            name: "LedgerFixtures",
            dependencies: [
                .product(name: "EventLog", package: "ProvisioningLedger"),
                .product(name: "LMDB", package: "ProvisioningLedger"),
            ]
        ),
        // Issue 5's store of 10,000,000 events, built through the Engine from a seed.
        .target(
            name: "StoreGenerator",
            dependencies: [
                .product(name: "Engine", package: "ProvisioningLedger"),
                .product(name: "Provisioning", package: "ProvisioningLedger"),
            ]
        ),
        .executableTarget(name: "generate-store", dependencies: ["StoreGenerator"], path: "Sources/GenerateStore"),
    ]
)

// One executable target per area, under Benchmarks/<Name>/ as package-benchmark expects.
// (The Engine's benchmarks are `EngineChanges`: a target named `Engine` would clash with
// the project's Engine module, and SwiftPM refuses the whole package graph.)
for name in ["Appends", "Reads", "EngineChanges", "LogTools"] {
    package.targets.append(
        .executableTarget(
            name: name,
            dependencies: [
                "LedgerFixtures",
                .product(name: "EventLog", package: "ProvisioningLedger"),
                .product(name: "Benchmark", package: "package-benchmark"),
            ] + (name == "LogTools" ? ["StoreGenerator", .product(name: "Engine", package: "ProvisioningLedger")] : [])
              + (name == "EngineChanges" ? [
                .product(name: "Engine", package: "ProvisioningLedger"),
                .product(name: "Provisioning", package: "ProvisioningLedger"),
                .product(name: "ReadModels", package: "ProvisioningLedger"),
            ] : []),
            path: "Benchmarks/\(name)",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        )
    )
}
