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
    ]
)

// One executable target per area, under Benchmarks/<Name>/ as package-benchmark expects.
// Target names must differ from the project's own (`Engine` is one of them: a
// benchmark target of that name makes SwiftPM refuse the whole package graph).
for name in ["Appends", "Reads", "EngineChanges"] {
    package.targets.append(
        .executableTarget(
            name: name,
            dependencies: [
                "LedgerFixtures",
                .product(name: "EventLog", package: "ProvisioningLedger"),
                .product(name: "Benchmark", package: "package-benchmark"),
            ] + (name == "EngineChanges" ? [
                .product(name: "Engine", package: "ProvisioningLedger"),
                .product(name: "Provisioning", package: "ProvisioningLedger"),
                .product(name: "ReadModels", package: "ProvisioningLedger"),
            ] : []),
            path: "Benchmarks/\(name)",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        )
    )
}
