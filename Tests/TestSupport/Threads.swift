import Foundation

/// Starts `count` threads running `body(index)` and waits for all of them: callers
/// on threads of their own, as a server's request handlers would be.
public func runOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        Thread {
            body(index)
            group.leave()
        }.start()
    }
    group.wait()
}
