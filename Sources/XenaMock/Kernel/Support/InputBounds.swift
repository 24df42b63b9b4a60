import Foundation

/// The documented range of every number that a request, a command-line flag or a fixture can set.
///
/// A value from outside is checked against these before it reaches arithmetic, a conversion or a range, so no
/// input can trap the process; a value out of range is refused with a message that names the field and the range
/// (``message(_:_:in:unit:)``). The README's "Bounds" table lists the same numbers.
public enum InputBounds {
    /// Token and code lifetimes: 1 second to 10 years.
    public static let lifetimeSeconds: ClosedRange<Int> = 1...315_360_000
    /// The mock's clock stays between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z (seconds since 1970).
    public static let clockEpochSeconds: ClosedRange<Double> = 0...253_402_300_799
    /// Tolerance on `exp` and `nbf`: none to one day.
    public static let clockSkewSeconds: ClosedRange<Int> = 0...86_400
    /// Injected delays and latency: none to 10 minutes.
    public static let delayMilliseconds: ClosedRange<Int> = 0...600_000
    /// How many requests the journal keeps.
    public static let journalCapacity: ClosedRange<Int> = 1...100_000
    /// How many requests an endpoint fault or token fault applies to.
    public static let faultCount: ClosedRange<Int> = 1...Int(Int32.max)
    /// The status an endpoint fault answers with (final statuses only).
    public static let faultStatus: ClosedRange<Int> = 200...599
    /// Xena's `ListOptions.Page` (0-based) is a 32-bit integer.
    public static let page: ClosedRange<Int> = 0...Int(Int32.max)
    /// Xena's `ListOptions.PageSize` is a 32-bit integer too, so `Page × PageSize` fits 64 bits.
    public static let pageSize: ClosedRange<Int> = 1...Int(Int32.max)
    /// Entity ids and Versions in API fixtures: positive and at most 2^62, which leaves the mock room to number what it
    /// creates and to count Versions up.
    public static let fixtureEntityID: ClosedRange<Int64> = 1...(1 << 62)
    /// `max_age` on the authorize endpoint: up to 10 years.
    public static let maxAgeSeconds: ClosedRange<Int> = 0...315_360_000
    /// `--jwks-max-age`: a cache lifetime from none to a year.
    public static let cacheMaxAgeSeconds: ClosedRange<Int> = 0...31_536_000

    /// `name: must be between A and B UNIT, got V`, the one wording every refusal uses.
    public static func message<Value: Comparable & CustomStringConvertible>(
        _ name: String, _ value: Value, in range: ClosedRange<Value>, unit: String = ""
    ) -> String {
        let unit = unit.isEmpty ? "" : " \(unit)"
        return "\(name): must be between \(range.lowerBound) and \(range.upperBound)\(unit), got \(value)"
    }

    /// The range message when `value` is outside `range`, else nil.
    public static func problem<Value: Comparable & CustomStringConvertible>(
        _ name: String, _ value: Value, in range: ClosedRange<Value>, unit: String = ""
    ) -> String? {
        range.contains(value) ? nil : self.message(name, value, in: range, unit: unit)
    }

    /// The clock's range as text, for messages.
    static let clockRangeText = "between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z"
}
