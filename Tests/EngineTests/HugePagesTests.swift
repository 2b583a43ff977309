@testable import ReadModels
import Testing

/// The fold's large arrays made in huge pages (`HugePages`) hold what plain arrays
/// would, on both sides of the size from which they are advised.
@Suite struct HugePagesTests {
    @Test(arguments: [1_000, 3 * HugePages.threshold / 8])
    func anArrayOfRepeatedValuesHoldsThemAll(count: Int) {
        let values = HugePages.array(repeating: 7 as Int, count: count)
        #expect(values.count == count)
        #expect(values.allSatisfy { $0 == 7 })
    }

    @Test(arguments: [1_000, HugePages.threshold / 8])
    func aCopyHoldsTheSameElementsWithTheRoomAskedFor(count: Int) {
        let elements = (0..<count).map { "record \($0)" }
        var copy = HugePages.copy(elements, capacity: 2 * count)
        #expect(copy == elements)
        #expect(copy.capacity >= 2 * count)
        copy.append("one more")
        #expect(copy.count == count + 1 && elements.count == count)
    }

    /// The room of a large copy is faulted in on another thread while its owner
    /// appends: `MADV_POPULATE_WRITE` writes nothing, so what the owner wrote stays.
    @Test func roomFaultedInBesideTheOwnersWritesKeepsEveryWrite() {
        let count = 4 * HugePages.threshold / MemoryLayout<Int>.stride
        var values = HugePages.copy([Int](), capacity: count)
        for index in 0..<count { values.append(index &* 2_654_435_761) }
        #expect(values.count == count)
        #expect(values.indices.allSatisfy { values[$0] == $0 &* 2_654_435_761 })
        // A buffer given back while it is being faulted in: the helper's next call fails, harmlessly.
        values = []
        let another = HugePages.copy([UInt8](repeating: 9, count: 10), capacity: 2 * HugePages.threshold)
        #expect(another.count == 10 && another.allSatisfy { $0 == 9 })
    }
}
