extension CovariatePolicy {
    /// Why an undeclared covariate may not be published, or `nil` when it may. The first rule that fires, in order:
    ///
    /// | rule | categorical column | numeric column |
    /// |---|---|---|
    /// | date values | a level holds a date (`DateLikeText`) | a whole number `yyyymmdd` that is a real date |
    /// | free text | a level of more than 40 characters, of 5 words or more, or with a line break; more than 10 levels, most of them with a space (names, phrases) | — |
    /// | identifies patients | a level with `@` or 7+ digits; a level equal to a patient identifier; distinct values for more than half the patients with a value | — |
    /// | identifier-like numbers | — | whole numbers, distinct for more than half the patients with a value, the largest of 4+ digits |
    /// | identifying name | the column's name has a word of ``nameHints`` | the same |
    /// | too many levels | more than ``maximumLevels`` levels | — |
    ///
    /// Only non-missing values count: a column empty for most patients but unique where recorded identifies them.
    /// A numeric column of small or fractional numbers (age, a score, a weight), even distinct for every patient,
    /// passes: only its mean and SD are published.
    /// - Complexity: O(patients) plus O(characters of the distinct levels).
    func inferredExclusion(
        _ covariate: Covariate, identifiers: Set<String>
    ) -> CovariateScreening.Exclusion.Rule? {
        switch covariate.values {
        case .categorical(let column):
            var counts = [Int](repeating: 0, count: column.levels.count)
            for code in column.codes where code >= 0 { counts[Int(code)] += 1 }
            let levels = column.levels.indices.filter { counts[$0] > 0 }.map { column.levels[$0] }
            let recorded = counts.reduce(0, +)
            if levels.contains(where: DateLikeText.containsDate) { return .dateValues }
            if levels.contains(where: Self.isFreeText) || Self.isListOfPhrases(levels) { return .freeText }
            if levels.contains(where: Self.isContactDetail) || levels.contains(where: identifiers.contains)
                || 2 * levels.count > recorded
            {
                return .identifiesPatients
            }
            if Self.hasIdentifyingName(covariate.name) { return .identifyingName }
            if levels.count > maximumLevels { return .tooManyLevels(maximum: maximumLevels) }
            return nil
        case .numeric(let numbers):
            let recorded = numbers.compactMap { $0 }
            let wholeNumbers = recorded.allSatisfy { $0 == $0.rounded() && abs($0) < 1e15 }
            if wholeNumbers, recorded.contains(where: { abs($0) >= 1e7 && DateLikeText.isDate(yyyymmdd: Int($0)) }) {
                return .dateValues
            }
            if wholeNumbers, let largest = recorded.map(abs).max(), largest >= Self.identifierMagnitude,
               2 * Set(recorded).count > recorded.count
            {
                return .identifierLikeNumbers
            }
            return Self.hasIdentifyingName(covariate.name) ? .identifyingName : nil
        }
    }

    /// Free text: more than ``longTextCharacters`` characters, ``freeTextWords`` words or more, or a line break.
    static func isFreeText(_ value: String) -> Bool {
        value.count > longTextCharacters || value.contains(where: \.isNewline)
            || value.split(whereSeparator: \.isWhitespace).count >= freeTextWords
    }

    /// Many phrases rather than a few categories: more than ``freeTextDistinctValues`` distinct values, more than
    /// half of them with a space (a list of people's names, short notes).
    static func isListOfPhrases(_ levels: [String]) -> Bool {
        levels.count > freeTextDistinctValues && 2 * levels.count { $0.contains(where: \.isWhitespace) } > levels.count
    }

    /// Contact details or a record number: an `@`, or ``contactDigits`` digits or more.
    static func isContactDetail(_ value: String) -> Bool {
        value.contains("@") || value.unicodeScalars.count { ("0"..."9").contains($0) } >= contactDigits
    }

    /// Words of a column name that say identifier, date or free text.
    public static let nameHints: Set<String> = [
        // identifiers and contact details
        "id", "ids", "identifier", "mrn", "ssn", "zip", "zipcode", "postcode", "postal", "phone", "telephone",
        "mobile", "fax", "email", "address", "street", "name", "names", "firstname", "lastname", "surname",
        "initials", "contact", "account", "licence", "license", "url", "ip",
        // dates
        "dob", "dod", "date", "dates", "birth", "birthdate", "birthday", "datetime", "timestamp",
        // free text
        "note", "notes", "comment", "comments", "remark", "remarks", "text", "freetext", "description", "memo",
        "narrative",
    ]

    /// Whether a word of `name` is a hint. Words: split at anything but letters and digits, between letters and
    /// digits, and before an upper-case letter that follows a lower-case one (`patientID`, `zip5`, `date_of_birth`).
    static func hasIdentifyingName(_ name: String) -> Bool {
        var words: [String] = [], word = ""
        var previous: Character?
        for character in name {
            let boundary = !(character.isLetter || character.isNumber)
                || (previous.map { $0.isNumber != character.isNumber } ?? false)
                || (previous.map { $0.isLowercase && character.isUppercase } ?? false)
            if boundary, !word.isEmpty {
                words.append(word)
                word = ""
            }
            if character.isLetter || character.isNumber { word.append(contentsOf: character.lowercased()) }
            previous = character
        }
        if !word.isEmpty { words.append(word) }
        return words.contains(where: nameHints.contains)
    }
}
