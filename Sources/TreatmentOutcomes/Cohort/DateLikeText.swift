/// Whether a value holds a calendar date, in any of the forms records write them: the covariate policy leaves out a
/// column with a single such value (``CovariatePolicy``), since every date element but the year identifies
/// (HIPAA Safe Harbor, 45 CFR 164.514(b)(2)(i)(C)).
///
/// A date is found anywhere in the text (`seen 2024-03-05` holds one), in these forms, with the separators `-`, `/`
/// or `.` used consistently:
/// ```
/// 2024-03-05, 2024/3/5, 2024.03.05      year (1800–2199), month, day: a real date (no 2023-02-29)
/// 2024-03-05T14:22:00Z, 2024-03-05 14:22 the same with a time
/// 05/03/2024, 3-5-24, 05.03.2024         day/month/year or month/day/year: month 1–12 and day 1–31 either way,
///                                        year of 2 or 4 digits
/// 2024-03, 03/2024                       year and month (`-` or `/`)
/// 20240305                               eight digits that form a real date (year 1800–2199)
/// 5 March 2024, Mar 5, 5-mar-24, March 2024   a month name or abbreviation next to a day (1–31) or a year
/// ```
/// Not dates: a day and month without a year (`3/4` is as often a fraction), times alone, phone numbers (`612-555-0147`:
/// its first part has three digits), version-like codes with a one-digit last part (`1.5.2`).
/// - Complexity: O(length of the text).
enum DateLikeText {
    private enum Token {
        case number(digits: Int, value: Int?)
        case word(String)
        case mark(Character)
    }

    static let monthNames: Set<String> = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
        "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
    ]

    /// Whether `text` holds a date in one of the forms above.
    static func containsDate(_ text: String) -> Bool {
        let tokens = tokenize(text)
        for index in tokens.indices {
            switch tokens[index] {
            case .number(let digits, let value):
                if digits == 8, let value, isDate(yyyymmdd: value) { return true }
                if numericDate(tokens, at: index) { return true }
            case .word(let word):
                if monthNames.contains(word) && numberBesideMonth(tokens, at: index) { return true }
            case .mark:
                continue
            }
        }
        return false
    }

    /// Whether `value` is eight digits `yyyymmdd` forming a real date with a year from 1800 to 2199.
    static func isDate(yyyymmdd value: Int) -> Bool {
        let (year, month, day) = (value / 10_000, value / 100 % 100, value % 100)
        return (1800...2199).contains(year) && CivilDate(year: year, month: month, day: day) != nil
    }

    /// A date of numbers and separators starting at `index`: three parts (year first, or day and month first), or
    /// a year and a month.
    private static func numericDate(_ tokens: [Token], at index: Int) -> Bool {
        func number(_ offset: Int) -> (digits: Int, value: Int)? {
            guard index + offset < tokens.count, case .number(let digits, let value?) = tokens[index + offset] else {
                return nil
            }
            return (digits, value)
        }
        func dateSeparator(_ offset: Int) -> Character? {
            guard index + offset < tokens.count, case .mark(let mark) = tokens[index + offset], "-/.".contains(mark)
            else { return nil }
            return mark
        }
        func isYear(_ part: (digits: Int, value: Int)) -> Bool { part.digits == 4 && (1800...2199).contains(part.value) }
        guard let first = number(0), let separator = dateSeparator(1), let second = number(2) else { return false }
        if dateSeparator(3) == separator, let third = number(4) {
            if isYear(first) && second.digits <= 2 && third.digits <= 2 {
                return CivilDate(year: first.value, month: second.value, day: third.value) != nil
            }
            guard first.digits <= 2 && second.digits <= 2 && (third.digits == 2 || isYear(third)) else { return false }
            let (a, b) = (first.value, second.value)
            return ((1...12).contains(a) && (1...31).contains(b)) || ((1...31).contains(a) && (1...12).contains(b))
        }
        guard separator != "." else { return false }
        if isYear(first) && second.digits <= 2 { return (1...12).contains(second.value) }
        return first.digits <= 2 && (1...12).contains(first.value) && isYear(second)
    }

    /// A day (1–31) or a year (1800–2199) next to the month name at `index`, with at most two marks between.
    private static func numberBesideMonth(_ tokens: [Token], at index: Int) -> Bool {
        for step in [-1, 1] {
            var position = index + step, marks = 0
            while position >= 0 && position < tokens.count, case .mark = tokens[position], marks < 2 {
                position += step
                marks += 1
            }
            guard position >= 0 && position < tokens.count, case .number(let digits, let value?) = tokens[position]
            else { continue }
            if (digits <= 2 && (1...31).contains(value)) || (digits == 4 && (1800...2199).contains(value)) { return true }
        }
        return false
    }

    /// Maximal runs of digits and of letters (lower-cased); any other character is a mark of its own.
    private static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var run = "", runIsNumber = false
        func flush() {
            guard !run.isEmpty else { return }
            tokens.append(runIsNumber ? .number(digits: run.count, value: run.count <= 9 ? Int(run) : nil) : .word(run))
            run = ""
        }
        for character in text {
            if character.isASCII && character.isNumber {
                if !runIsNumber { flush() }
                runIsNumber = true
                run.append(character)
            } else if character.isLetter {
                if runIsNumber { flush() }
                runIsNumber = false
                run.append(contentsOf: character.lowercased())
            } else {
                flush()
                tokens.append(.mark(character))
            }
        }
        flush()
        return tokens
    }
}
