import Testing

@testable import XenaMock

@Suite struct BoundedDictionaryTests {
    @Test func theOldestInsertedGoesFirstPastTheCapacity() {
        var dictionary = BoundedDictionary<String, Int>(capacity: 2)
        dictionary["a"] = 1
        dictionary["b"] = 2
        dictionary["a"] = 10  // an update keeps its place
        dictionary["c"] = 3
        #expect(dictionary["a"] == nil)
        #expect(dictionary["b"] == 2 && dictionary["c"] == 3)
        #expect(dictionary.count == 2)
    }

    @Test func removalsNeitherGrowTheOrderNorEvictTooEarly() {
        var dictionary = BoundedDictionary<Int, Int>(capacity: 3)
        for key in 0..<1000 {
            dictionary[key] = key
            dictionary[key] = nil
        }
        dictionary[1000] = 1
        dictionary[1001] = 2
        dictionary[1002] = 3
        #expect(dictionary.count == 3)
        dictionary.removeAll { $0 >= 2 }
        #expect(dictionary.count == 1 && dictionary[1000] == 1)
    }
}
