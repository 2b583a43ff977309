import Foundation
import StoreGenerator

// generate-store DIR [--sims N] [--subscribers N] [--numbers N] [--resellers N]
//                    [--groups-per-reseller N] [--batch N] [--seed N]
//
// Builds the benchmark store in DIR/store through the Engine and writes
// DIR/generated.json (what was built, the chain head, sample ICCID, SubUID and time)
// once the store is complete. Refuses a DIR that already holds a store.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("generate-store: " + message + "\n").utf8))
    exit(64)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let directory = arguments.first, !directory.hasPrefix("--") else {
    fail("give the directory to build the store in: generate-store DIR [--sims N] [--subscribers N] [--seed N] ...")
}
arguments.removeFirst()
var shape = StoreShape()
while !arguments.isEmpty {
    let option = arguments.removeFirst()
    guard let text = arguments.first, let value = Int(text), value >= 0 else {
        fail("\(option) needs a whole number")
    }
    arguments.removeFirst()
    switch option {
    case "--sims": shape.sims = value
    case "--subscribers": shape.subscribers = value
    case "--numbers": shape.numbers = value
    case "--resellers": shape.resellers = value
    case "--groups-per-reseller": shape.groupsPerReseller = value
    case "--batch": shape.batch = max(value, 1)
    case "--seed": shape.seed = UInt64(value)
    default: fail("unknown option \(option)")
    }
}
guard shape.subscribers <= shape.numbers, shape.subscribers / max(shape.groups, 1) < shape.sims / max(shape.groups, 1) else {
    fail("each group needs more SIMs than subscribers, and there must be a number for each subscriber")
}

let store = directory + "/store"
if FileManager.default.fileExists(atPath: store + "/data.mdb") {
    fail("\(store) already holds a store: remove it (and generated.json) to build a new one")
}
try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
let generated: GeneratedStore
do {
    let generator = try StoreGenerator(path: store, shape: shape) { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
    generated = try generator.run()
} catch {
    FileHandle.standardError.write(Data("generate-store: \(error)\n".utf8))
    exit(70)
}
let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
let json = try encoder.encode(generated)
try json.write(to: URL(fileURLWithPath: directory + "/generated.json"))
print(String(decoding: json, as: UTF8.self))
