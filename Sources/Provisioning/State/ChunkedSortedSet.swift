/// A sorted set kept as a sorted list of small sorted chunks: insert and remove
/// cost a binary search and a move of at most one chunk, whatever the order the
/// elements arrive in, and the smallest element is read in constant time.
///
/// It backs the "next available SIM" pools of `InMemoryState`, where a book-in of
/// hundreds of thousands of SIMs in any order must stay cheap and the smallest
/// ICCID is read on every provisioning without a SIM named.
struct ChunkedSortedSet<Element: Comparable & Hashable & Sendable>: Sendable {
    private static var chunkCapacity: Int { 512 }

    private var chunks: [[Element]] = []
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }
    var first: Element? { chunks.first?.first }

    /// The index of the chunk where `element` belongs: the last chunk whose first
    /// element is not greater than it (0 when it is smaller than everything).
    private func chunkIndex(for element: Element) -> Int {
        var low = 0
        var high = chunks.count
        while low < high {
            let mid = (low + high) / 2
            if chunks[mid][0] <= element { low = mid + 1 } else { high = mid }
        }
        return max(low - 1, 0)
    }

    /// The first position in `chunk` whose element is not less than `element`.
    private static func lowerBound(of element: Element, in chunk: [Element]) -> Int {
        var low = 0
        var high = chunk.count
        while low < high {
            let mid = (low + high) / 2
            if chunk[mid] < element { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func contains(_ element: Element) -> Bool {
        guard !chunks.isEmpty else { return false }
        let chunk = chunks[chunkIndex(for: element)]
        let position = Self.lowerBound(of: element, in: chunk)
        return position < chunk.count && chunk[position] == element
    }

    /// Inserts `element`; returns false when it was already there.
    @discardableResult
    mutating func insert(_ element: Element) -> Bool {
        guard !chunks.isEmpty else {
            chunks = [[element]]
            count = 1
            return true
        }
        let index = chunkIndex(for: element)
        let position = Self.lowerBound(of: element, in: chunks[index])
        if position < chunks[index].count && chunks[index][position] == element { return false }
        chunks[index].insert(element, at: position)
        count += 1
        if chunks[index].count > Self.chunkCapacity {
            let upper = Array(chunks[index][(Self.chunkCapacity / 2)...])
            chunks[index].removeSubrange((Self.chunkCapacity / 2)...)
            chunks.insert(upper, at: index + 1)
        }
        return true
    }

    /// Removes `element`; returns false when it was not there.
    @discardableResult
    mutating func remove(_ element: Element) -> Bool {
        guard !chunks.isEmpty else { return false }
        let index = chunkIndex(for: element)
        let position = Self.lowerBound(of: element, in: chunks[index])
        guard position < chunks[index].count && chunks[index][position] == element else { return false }
        chunks[index].remove(at: position)
        count -= 1
        if chunks[index].isEmpty { chunks.remove(at: index) }
        return true
    }

    /// The elements in ascending order.
    var sorted: [Element] { chunks.flatMap { $0 } }
}

extension ChunkedSortedSet: Equatable {
    /// Equal when they hold the same elements, however the chunks were split.
    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.count == rhs.count && lhs.chunks.joined().elementsEqual(rhs.chunks.joined())
    }
}
