import Foundation

/// The Xena API's ways of writing time: `CreatedAt` timestamps, `…Days` day numbers (days since 1970-01-01) and
/// their `…DaysFriendly` strings (`31-12-2025`).
public enum APITimestamp {
    /// `2025-03-14T09:12:44.217Z`.
    public static func format(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    /// A date-time as clients send it in queries and bodies: `2025-03-14`, `2025-03-14T09:12:44`, with fractions
    /// or a zone. Nil when it is none of these.
    public static func parse(_ text: String) -> Date? {
        let formats: [Date.ISO8601FormatStyle] = [
            .iso8601, .iso8601.year().month().day().time(includingFractionalSeconds: true),
            .iso8601.year().month().day().dateTimeSeparator(.standard).time(includingFractionalSeconds: false),
            .iso8601.year().month().day(),
        ]
        for format in formats {
            if let date = try? format.parse(text) { return date }
        }
        return nil
    }

    /// The day number of a date: whole days since 1970-01-01 (UTC).
    public static func dayNumber(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// `dd-MM-yyyy` for a day number, as the API's `…DaysFriendly` fields write it.
    public static func friendly(dayNumber: Int64) -> String {
        let (year, month, day) = Self.civilDate(dayNumber)
        return "\(Self.padded(day, to: 2))-\(Self.padded(month, to: 2))-\(Self.padded(year, to: 4))"
    }

    /// `value` with leading zeros to `width` characters, sign included, as `%0*d` writes it (Foundation's
    /// `String(format:)` is far slower).
    static func padded(_ value: Int, to width: Int) -> String {
        let digits = String(value.magnitude)
        let zeros = String(repeating: "0", count: max(0, width - digits.count - (value < 0 ? 1 : 0)))
        return (value < 0 ? "-" : "") + zeros + digits
    }

    /// The proleptic Gregorian date of a day number (Howard Hinnant's `civil_from_days`), without a calendar object.
    static func civilDate(_ dayNumber: Int64) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
    }
}
