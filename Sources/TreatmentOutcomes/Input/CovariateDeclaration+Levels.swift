extension CovariateDeclaration {
    /// Checks each declared categorical covariate of a loaded `patients.csv` against its declared levels.
    ///
    /// Only the distinct levels are compared (O(levels)); the rows are scanned only to locate a value that is not
    /// declared, so that the error names the first line that has one.
    /// - Parameters:
    ///   - declared: the declarations by covariate name.
    ///   - lines: the line of each patient's row.
    /// - Throws: ``InputError`` `.invalidValue` naming the file, the line and the column.
    static func checkLevels(
        of covariates: [Covariate], declared: [String: CovariateDeclaration], lines: [Int], file: String
    ) throws {
        for covariate in covariates {
            guard case .categorical(let column) = covariate.values, let allowed = declared[covariate.name]?.levels
            else { continue }
            let allowedSet = Set(allowed)
            let undeclared = column.levels.map { !allowedSet.contains($0) }
            guard undeclared.contains(true),
                  let row = column.codes.firstIndex(where: { $0 >= 0 && undeclared[Int($0)] })
            else { continue }
            throw InputError(
                .invalidValue, file: file, line: lines[row], column: covariate.name,
                message: "\"\(column.levels[Int(column.codes[row])])\" is not a level \(CohortManifest.fileName) "
                    + "declares (declared: \(allowed.joined(separator: ", ")))")
        }
    }
}
