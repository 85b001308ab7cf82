/// Reads the parts of a written time by hand: what the pattern
/// `^\s*(?:(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})[,\sT]*)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*`
/// `(?i:(am|pm|a\.m\.|p\.m\.))?\s*(Z|[+-]\d{2}:?\d{2})?\s*$` accepts (digits are ASCII), at a small fraction of the
/// cost of building and running a regular expression for each of an export's cells.
struct TimeScanner {
    struct Match: Equatable {
        struct WrittenDate: Equatable {
            let first: Int
            let second: Int
            let third: Int
            /// How many digits the first number has (four: the date is written year first).
            let firstDigits: Int
        }

        var date: WrittenDate?
        var hour: Int
        var minute: Int
        var second: Int?
        /// `pm` (true) or `am` (false) when written.
        var afternoon: Bool?
        var offsetSeconds: Int?
    }

    private let scalars: [Unicode.Scalar]

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    func scan() -> Match? {
        let start = skipSpaces(from: 0)
        if let dated = scanDated(from: start) { return dated }
        return scanTime(from: start)
    }

    /// A date, then the time; the last number of the date may run into the time when nothing separates them.
    private func scanDated(from start: Int) -> Match? {
        let first = digits(from: start)
        guard (1...4).contains(first.count), isDateSeparator(at: start + first.count) else { return nil }
        let secondStart = start + first.count + 1
        let second = digits(from: secondStart)
        guard (1...2).contains(second.count), isDateSeparator(at: secondStart + second.count) else { return nil }
        let thirdStart = secondStart + second.count + 1
        let third = digits(from: thirdStart)
        guard third.count >= 1 else { return nil }
        for length in stride(from: min(4, third.count), through: 1, by: -1) {
            var index = thirdStart + length
            while index < scalars.count, scalars[index] == "," || scalars[index] == "T" || isSpace(scalars[index]) {
                index += 1
            }
            if var match = scanTime(from: index) {
                match.date = Match.WrittenDate(
                    first: value(start, first.count), second: value(secondStart, second.count),
                    third: value(thirdStart, length), firstDigits: first.count)
                return match
            }
        }
        return nil
    }

    /// `h:mm[:ss[.fff]] [am|pm|a.m.|p.m.] [Z|±hh[:]mm]` and nothing after but spaces.
    private func scanTime(from start: Int) -> Match? {
        let hour = digits(from: start)
        guard (1...2).contains(hour.count), character(at: start + hour.count) == ":" else { return nil }
        let minuteStart = start + hour.count + 1
        guard digits(from: minuteStart).count >= 2 else { return nil }
        var index = minuteStart + 2
        var second: Int?
        if character(at: index) == ":", digits(from: index + 1).count >= 2 {
            second = value(index + 1, 2)
            index += 3
            if character(at: index) == ".", digits(from: index + 1).count >= 1 {
                index += 1 + digits(from: index + 1).count
            }
        }
        index = skipSpaces(from: index)
        var afternoon: Bool?
        if let marker = character(at: index).map({ Character($0).lowercased() }), marker == "a" || marker == "p" {
            let next = character(at: index + 1).map { Character($0).lowercased() }
            if next == "m" {
                afternoon = marker == "p"
                index += 2
            } else if next == ".", character(at: index + 2).map({ Character($0).lowercased() }) == "m",
                character(at: index + 3) == "."
            {
                afternoon = marker == "p"
                index += 4
            }
        }
        index = skipSpaces(from: index)
        var offsetSeconds: Int?
        if character(at: index) == "Z" {
            offsetSeconds = 0
            index += 1
        } else if let sign = character(at: index), sign == "+" || sign == "-", digits(from: index + 1).count >= 2 {
            var minutesStart = index + 3
            if character(at: minutesStart) == ":" { minutesStart += 1 }
            if digits(from: minutesStart).count >= 2 {
                let seconds = value(index + 1, 2) * 3600 + value(minutesStart, 2) * 60
                offsetSeconds = sign == "-" ? -seconds : seconds
                index = minutesStart + 2
            }
        }
        guard skipSpaces(from: index) == scalars.count else { return nil }
        return Match(
            date: nil, hour: value(start, hour.count), minute: value(minuteStart, 2), second: second,
            afternoon: afternoon, offsetSeconds: offsetSeconds)
    }

    private func character(at index: Int) -> Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }

    private func isDateSeparator(at index: Int) -> Bool {
        guard let scalar = character(at: index) else { return false }
        return scalar == "/" || scalar == "." || scalar == "-"
    }

    private func skipSpaces(from start: Int) -> Int {
        var index = start
        while index < scalars.count, isSpace(scalars[index]) { index += 1 }
        return index
    }

    /// The run of ASCII digits starting at `start`.
    private func digits(from start: Int) -> (count: Int, end: Int) {
        var index = start
        while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
        return (index - start, index)
    }

    private func value(_ start: Int, _ count: Int) -> Int {
        scalars[start..<(start + count)].reduce(0) { $0 * 10 + Int($1.value - 48) }
    }
}
