/// Calendar arithmetic on epoch seconds, in UTC, without Foundation's locale-dependent formatters:
/// output must be byte-identical on every machine.
public enum Timestamp {
    /// `2024-05-01T12:00:00Z`
    public static func iso8601(_ seconds: Int64) -> String {
        let (year, month, day) = civilDate(daysSinceEpoch: floorDiv(seconds, 86_400))
        let secondOfDay = seconds - floorDiv(seconds, 86_400) * 86_400
        let hour = secondOfDay / 3600, minute = secondOfDay % 3600 / 60, second = secondOfDay % 60
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))Z"
    }

    /// `2024-05-01`
    public static func day(_ seconds: Int64) -> String {
        let (year, month, day) = civilDate(daysSinceEpoch: floorDiv(seconds, 86_400))
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]` with `Z` or `±HH:MM`, or `@<epoch seconds>`.
    /// A date alone means the end of that day in UTC, so `--as-of 2024-05-01` includes all of May 1st.
    public static func parse(_ text: String) -> Int64? {
        if text.hasPrefix("@") { return Int64(text.dropFirst()) }
        let utf8 = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= utf8.count else { return nil }
            var value: Int64 = 0
            for index in range {
                let digit = utf8[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int64(digit)
            }
            return value
        }
        guard utf8.count >= 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        // A day the month does not have (2024-02-30) is refused, not carried into the next month.
        guard civilDate(daysSinceEpoch: days) == (year, month, day) else { return nil }
        if utf8.count == 10 { return days * 86_400 + 86_399 }
        guard utf8[10] == UInt8(ascii: "T") || utf8[10] == UInt8(ascii: " "), utf8.count >= 16,
              let hour = number(11..<13), utf8[13] == UInt8(ascii: ":"), let minute = number(14..<16),
              hour < 24, minute < 60 else { return nil }
        var index = 16
        var second: Int64 = 0
        if index < utf8.count, utf8[index] == UInt8(ascii: ":") {
            guard let parsed = number((index + 1)..<(index + 3)), parsed < 61 else { return nil }
            second = parsed
            index += 3
        }
        var offset: Int64 = 0
        if index < utf8.count {
            switch utf8[index] {
            case UInt8(ascii: "Z"):
                guard index + 1 == utf8.count else { return nil }
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard utf8.count == index + 6, utf8[index + 3] == UInt8(ascii: ":"),
                      let hours = number((index + 1)..<(index + 3)), let minutes = number((index + 4)..<(index + 6)),
                      hours <= 14, minutes < 60
                else { return nil }
                offset = (hours * 3600 + minutes * 60) * (utf8[index] == UInt8(ascii: "-") ? -1 : 1)
            default:
                return nil
            }
        }
        return days * 86_400 + hour * 3600 + minute * 60 + second - offset
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian (year, month, day) of a day count from 1970-01-01 (`daysSinceEpoch`'s inverse).
    public static func civilDate(daysSinceEpoch days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Division rounded toward negative infinity.
    public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
