// heap-probe: a child process for HeapWarmingTests. The heap it probes (glibc's main
// heap, grown with sbrk) is the main thread's, and moving its break inside the test
// process would disturb the tests running beside it.
//
//   heap-probe warm|cold
//       On the main thread: with `warm`, starts `HeapWarming` (budget 64 MiB);
//       then grows the heap by 64 MiB of allocations it never writes, waits up to five
//       seconds for the warming, and prints `resident <pages> of <pages>`: the pages of
//       that new heap that are in memory (mincore).
import Glibc
import Threads

let size = 64 << 20
guard CommandLine.arguments.count == 2, ["warm", "cold"].contains(CommandLine.arguments[1]) else {
    print("usage: heap-probe warm|cold")
    exit(64)
}
let start = (Int(bitPattern: sbrk(0)) + 4_095) & ~4_095
let warming = CommandLine.arguments[1] == "warm" ? HeapWarming(budget: size) : nil
// Blocks of 64 KiB come from the heap (below glibc's mmap threshold); malloc writes
// only their headers, one page in sixteen.
var blocks: [UnsafeMutableRawPointer] = []
while Int(bitPattern: sbrk(0)) - start < size {
    blocks.append(malloc(64 << 10)!)
}
for _ in 0..<500 where (warming?.warmedBytes ?? size) < size {
    usleep(10_000)
}
warming?.stop()
let pages = size / 4_096
var residency = [UInt8](repeating: 0, count: pages)
guard mincore(UnsafeMutableRawPointer(bitPattern: start), size, &residency) == 0 else {
    print("heap-probe: mincore failed (errno \(errno))")
    exit(65)
}
print("resident \(residency.filter { $0 & 1 == 1 }.count) of \(pages)")
for block in blocks { free(block) }
