/// The labels of `site`, `arm` and `psychosocial` are printed in every report, as they are, so they must not
/// carry what the covariate policy keeps out of reports (docs/CovariatePolicy.md): a label that holds a date
/// (``DateLikeText``), contact details or a record number (an `@`, or 7 digits or more), a line break, or that is
/// held by one patient only, is not a plain number and equals a patient identifier of the file (an identifier column
/// copied into a label; a site code such as CTN-0094's `17` may equal a numeric identifier by chance and names no
/// one, and a number of 7 digits or more is caught as a record number) is an error of the file, at the first line
/// with that label. The message names the rule,
/// never the label: the error is printed where the report would have been.
///
/// The other covariate rules (long text, many levels) are not applied: arm and support names are the program's own
/// words, often long ("buprenorphine + contingency management + peer recovery support"), and there are few of them.
enum PublishedLabelCheck {
    /// Why `label` may not be published, or `nil`.
    static func problem(_ label: String, patients: Int, isIdentifier: (String) -> Bool) -> String? {
        if DateLikeText.containsDate(label) { return "holds a date" }
        if CovariatePolicy.isContactDetail(label) { return "holds contact details or a record number (an @ or 7+ digits)" }
        if label.contains(where: \.isNewline) { return "holds a line break" }
        if patients == 1 && !label.allSatisfy(\.isNumber) && isIdentifier(label) { return "is one patient's and equals a patient identifier" }
        return nil
    }

    /// Checks every level of `column` (named `name` in the header); `firstLines[patient]` is the patient's line.
    /// - Throws: ``InputError`` (`invalidValue`) at the first line of the first label with a problem.
    static func check(
        _ column: CategoricalColumn, name: String, isIdentifier: (String) -> Bool, firstLines: [Int], file: String
    ) throws {
        var patients = [Int](repeating: 0, count: column.levels.count)
        for code in column.codes where code >= 0 { patients[Int(code)] += 1 }
        for (level, label) in column.levels.enumerated() {
            guard let problem = problem(label, patients: patients[level], isIdentifier: isIdentifier) else { continue }
            let line = column.codes.firstIndex(of: Int32(level)).map { firstLines[$0] }
            throw InputError(
                .invalidValue, file: file, line: line, column: name,
                message: "this \(name) label \(problem); \(name) labels are printed in every report, so rename it "
                    + "(the label is not repeated here)")
        }
    }
}
