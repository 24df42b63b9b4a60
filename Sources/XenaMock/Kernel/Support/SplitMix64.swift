/// A small seeded random number generator (SplitMix64), so probabilistic faults and generated data repeat run to
/// run: nothing depends on Swift's per-process hashing.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    /// A generator for one named thing, e.g. a property of a generated entity: the seed mixed with the key's
    /// FNV-1a hash, so each key has its own stream whatever order keys are used in.
    init(seed: UInt64, key: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        self.state = hash
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var value = self.state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A uniform number in 0..<1.
    mutating func nextUnitInterval() -> Double {
        Double(self.next() >> 11) / Double(1 << 53)
    }

    /// A number in `0..<count` (count > 0).
    mutating func index(_ count: Int) -> Int {
        Int(self.next() % UInt64(count))
    }
}
