/// A moment as git records it: seconds since the epoch (UTC) and the writer's UTC offset in minutes.
public struct GitTime: Sendable, Hashable, Comparable {
    public var epoch: Int64
    public var offsetMinutes: Int

    public init(epoch: Int64, offsetMinutes: Int) {
        self.epoch = epoch
        self.offsetMinutes = offsetMinutes
    }

    /// The offset as git writes it: `+0100`, `-0530`.
    public var offsetText: String { GitTime.offsetText(offsetMinutes) }

    /// `1704445200 +0100`, the tail of an author/committer/tagger line.
    public var raw: String { "\(epoch) \(offsetText)" }

    /// ISO-8601 in UTC: `2024-01-05T09:00:00Z`.
    public var isoUTC: String { GitTime.isoUTC(epoch: epoch) }

    public static func < (a: GitTime, b: GitTime) -> Bool { a.epoch < b.epoch }

    /// The same moment written in another offset.
    func with(offsetMinutes: Int) -> GitTime { GitTime(epoch: epoch, offsetMinutes: offsetMinutes) }

    func adding(seconds: Int64) -> GitTime { GitTime(epoch: epoch + seconds, offsetMinutes: offsetMinutes) }

    static func offsetText(_ minutes: Int) -> String {
        let sign = minutes < 0 ? "-" : "+"
        let value = abs(minutes)
        return sign + pad(value / 60, 2) + pad(value % 60, 2)
    }

    public static func isoUTC(epoch: Int64) -> String {
        let days = floorDiv(epoch, 86_400)
        let seconds = epoch - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        return "\(pad(Int(year), 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(Int(seconds / 3600), 2)):\(pad(Int(seconds % 3600 / 60), 2)):\(pad(Int(seconds % 60), 2))Z"
    }

    // MARK: Parsing

    /// Reads a UTC offset: `+0100`, `-05:30`, `Z`. Nil when malformed or beyond ±14:00.
    static func parseOffset(_ text: String) -> Int? {
        if text == "Z" || text == "z" { return 0 }
        let characters = Array(text)
        guard let sign = characters.first, sign == "+" || sign == "-" else { return nil }
        let digits = characters.dropFirst().filter { $0 != ":" }
        guard digits.count == 4, characters.count == 5 || (characters.count == 6 && characters[3] == ":"),
              let value = Int(String(digits)) else { return nil }
        let hours = value / 100, minutes = value % 100
        guard hours <= 14, minutes < 60 else { return nil }
        let total = hours * 60 + minutes
        return sign == "-" ? -total : total
    }

    /// Reads `YYYY-MM-DDTHH:MM[:SS]` (a space may replace the `T`) as local time in `offsetMinutes`, or with an
    /// explicit suffix (`Z`, `+01:00`, `-0800`) that then also becomes the recorded offset. Nil when malformed.
    static func parse(_ text: String, offsetMinutes: Int) -> GitTime? {
        let characters = Array(text)
        guard characters.count >= 16 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= characters.count else { return nil }
            let slice = characters[range]
            guard slice.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(String(slice))
        }
        guard characters[4] == "-", characters[7] == "-", characters[10] == "T" || characters[10] == " ",
              characters[13] == ":",
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16)
        else { return nil }
        var index = 16
        var second = 0
        if index < characters.count, characters[index] == ":" {
            guard let value = number(17..<19) else { return nil }
            second = value
            index = 19
        }
        var offset = offsetMinutes
        if index < characters.count {
            guard let explicit = parseOffset(String(characters[index...])) else { return nil }
            offset = explicit
        }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60 else { return nil }
        let days = daysFromCivil(year: Int64(year), month: month, day: day)
        let local = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return GitTime(epoch: local - Int64(offset) * 60, offsetMinutes: offset)
    }

    /// Reads a duration such as `90s`, `45m`, `3h`, `2d`, `1w`, or combinations (`1d12h`), in seconds.
    static func parseDuration(_ text: String) -> Int64? {
        var total: Int64 = 0
        var digits = ""
        var sawUnit = false
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            let unit: Int64
            switch character {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86_400
            case "w": unit = 604_800
            default: return nil
            }
            guard let value = Int64(digits) else { return nil }
            total += value * unit
            digits = ""
            sawUnit = true
        }
        guard digits.isEmpty, sawUnit else { return nil }
        return total
    }

    // MARK: Calendar arithmetic (proleptic Gregorian, no Foundation: the same everywhere)

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func daysFromCivil(year: Int64, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int64, Int, Int) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
