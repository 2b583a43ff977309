// eventlog-stress: a child process for the EventLog tests (crash and concurrency).
// Not part of the product; the tests start it with Foundation's Process.
//
//   eventlog-stress crash-loop <store> <round> <seed>
//       Appends batches of varying size forever, each a durable commit, and after each
//       commit prints `committed <first> <last> <round> <batch>` (flushed). The parent
//       kills it with SIGKILL. Batch b of round r has command id `r<r>-b<b>`, the tag
//       `round:<r>`, and event i carries the payload `r<r> b<b> i<i>`.
//
//   eventlog-stress crash-threads <store> <round> <threads>
//       <threads> threads append one event at a time forever, durably, sharing commits
//       (group commit), and after each append returns print `committed <position>
//       <round> <thread> <n>`. Event n of thread t has command id `r<r>-t<t>-n<n>`, the
//       tags `round:<r>` and `thread:<t>`, and the payload `r<r> t<t> n<n>`.
//
//   eventlog-stress append <store> <writer> <count> [batch]
//       Prints `ready` once the store is open, waits for a line on stdin, then appends
//       <count> events in appends of [batch] (default 1) events, event n carrying the
//       tag `writer:<writer>` and the payload `<writer> <n>`; prints `done <count>`.
import EventLog
import Foundation
import TestSupport

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("eventlog-stress: \(message)\n".utf8))
    exit(64)
}

/// Writes a line to stdout and flushes it: the parent may kill us right after.
func say(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { write(1, $0.baseAddress! + offset, $0.count - offset) }
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { exit(65) }
        offset += written
    }
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else { fail("usage: eventlog-stress crash-loop|append ...") }

switch arguments[1] {
case "crash-loop":
    guard arguments.count == 5, let round = Int(arguments[3]), let seed = UInt64(arguments[4]) else {
        fail("usage: eventlog-stress crash-loop <store> <round> <seed>")
    }
    do {
        let log = try EventLog(path: arguments[2])
        var random = SplitMix64(seed: seed)
        let sizes = [1, 1, 2, 5, 17, 64, 250, 1_000, 3_000]
        var batch = 0
        while true {
            let size = sizes[Int(random.next() % UInt64(sizes.count))]
            let events = (0..<size).map { index in
                NewEvent(
                    type: "stress.appended", schemaVersion: 1, tags: ["round:\(round)", "stress"],
                    payload: Array("r\(round) b\(batch) i\(index)".utf8))
            }
            let metadata = AppendMetadata(
                actor: "stress", role: "test", commandID: "r\(round)-b\(batch)",
                recordedAt: Int64(Date().timeIntervalSince1970 * 1000))
            let result = try log.append(events, metadata: metadata)
            guard let positions = result.positions, !result.alreadyApplied else { fail("append wrote nothing") }
            say("committed \(positions.lowerBound) \(positions.upperBound) \(round) \(batch)")
            batch += 1
        }
    } catch {
        fail("\(error)")
    }

case "crash-threads":
    guard arguments.count == 5, let round = Int(arguments[3]), let threads = Int(arguments[4]) else {
        fail("usage: eventlog-stress crash-threads <store> <round> <threads>")
    }
    do {
        let log = try EventLog(path: arguments[2])
        for thread in 0..<threads {
            Thread {
                var n = 0
                while true {
                    let event = NewEvent(
                        type: "stress.appended", schemaVersion: 1, tags: ["round:\(round)", "thread:\(thread)"],
                        payload: Array("r\(round) t\(thread) n\(n)".utf8))
                    let metadata = AppendMetadata(
                        actor: "stress", role: "test", commandID: "r\(round)-t\(thread)-n\(n)",
                        recordedAt: Int64(Date().timeIntervalSince1970 * 1000))
                    do {
                        let result = try log.append([event], metadata: metadata)
                        guard let positions = result.positions, !result.alreadyApplied else { fail("append wrote nothing") }
                        say("committed \(positions.lowerBound) \(round) \(thread) \(n)")
                    } catch {
                        fail("\(error)")
                    }
                    n += 1
                }
            }.start()
        }
        while true { sleep(60) }
    } catch {
        fail("\(error)")
    }

case "append":
    guard arguments.count >= 5, let count = Int(arguments[4]) else {
        fail("usage: eventlog-stress append <store> <writer> <count> [batch]")
    }
    let writer = arguments[3]
    let batchSize = arguments.count > 5 ? Int(arguments[5]) ?? 1 : 1
    do {
        let log = try EventLog(path: arguments[2])
        say("ready")
        _ = readLine()
        var next = 0
        while next < count {
            let end = min(count, next + batchSize)
            let events = (next..<end).map { n in
                NewEvent(
                    type: "stress.appended", schemaVersion: 1, tags: ["writer:\(writer)"],
                    payload: Array("\(writer) \(n)".utf8))
            }
            try log.append(
                events,
                metadata: AppendMetadata(
                    actor: writer, role: "test", commandID: "\(writer)-\(next)",
                    recordedAt: Int64(Date().timeIntervalSince1970 * 1000)))
            next = end
        }
        say("done \(count)")
    } catch {
        fail("\(error)")
    }

default:
    fail("unknown mode \(arguments[1])")
}
