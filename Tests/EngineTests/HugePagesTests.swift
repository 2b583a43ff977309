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
}
