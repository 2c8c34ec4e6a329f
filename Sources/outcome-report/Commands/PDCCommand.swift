import ArgumentParser
import Foundation
import OutcomeReports

/// `outcome-report pdc`: proportion of days covered per patient from pharmacy fills (PQA method).
struct PDCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdc",
        abstract: "Proportion of days covered (PQA method) per patient from a CSV of pharmacy fills.",
        discussion: """
            Each fill covers [date, date + days_supply − 1]. Fills of the same drug that overlap move to the day \
            after the earlier supply ends (cascading; two same-day fills add their supplies); fills of different \
            drugs (--drug) do not move, and a day covered by several counts once. Supply past --end is cut; fills \
            dated before --start or after --end are ignored. The period is --start..--end, or with \
            --from-first-fill it runs from each patient's first fill in the period (PQA's index prescription start \
            date). adherent = pdc ≥ --threshold.

            Denominator: by default every patient with a fill in the period gets a row. PQA's measure counts only \
            patients with fills on at least two different dates of service: --min-fill-dates 2 applies that rule. \
            --index-days-before-end 91 adds the older PQA rule: the first fill in the period (the index \
            prescription start date) at least 91 days before --end. The number of patients left out goes to \
            standard error.

            Output (CSV): the id column (named as in the input), days_in_period, days_covered, pdc, adherent \
            (TRUE/FALSE): one row per patient with a fill in the period (per eligible patient under --min-fill-dates or \
            --index-days-before-end), in order of first appearance. --mpr adds \
            days_supplied (Σ days' supply of the fills in the period, not cut), mpr = days_supplied / \
            days_in_period (may exceed 1) and mpr_capped = min(mpr, 1).

            Errors (a bad date, a negative or fractional days' supply, a missing column) name the file, line and \
            column, exit with code 1 and print nothing on standard output.
            """)

    @Option(help: ArgumentHelp("The CSV of fills.", valueName: "file")) var input: String
    @Option(help: ArgumentHelp("Patient identifier column.", valueName: "column")) var id: String
    @Option(help: ArgumentHelp("Fill date column (YYYY-MM-DD).", valueName: "column")) var date: String
    @Option(name: .customLong("days-supply"), help: ArgumentHelp("Days' supply column (whole days ≥ 0).", valueName: "column"))
    var daysSupply: String
    @Option(help: ArgumentHelp("Drug (active ingredient) column; without it all fills are one drug.", valueName: "column"))
    var drug: String?
    @Option(help: ArgumentHelp("First day of the measurement period.", valueName: "YYYY-MM-DD")) var start: String
    @Option(help: ArgumentHelp("Last day of the measurement period.", valueName: "YYYY-MM-DD")) var end: String
    @Flag(name: .customLong("from-first-fill"), help: "Start each patient's period at their first fill in the period.")
    var fromFirstFill = false
    @Option(help: ArgumentHelp("Adherent when pdc ≥ this (0–1).", valueName: "p")) var threshold: Double = 0.8
    @Option(name: .customLong("min-fill-dates"), help: ArgumentHelp(
        "Eligible with fills on at least this many different dates in the period (1 = any fill; PQA's denominator: 2).",
        valueName: "n"))
    var minimumFillDates = 1
    @Option(name: .customLong("index-days-before-end"), help: ArgumentHelp(
        "Eligible only when the first fill in the period is at least this many days before --end (older PQA: 91).",
        valueName: "days"))
    var indexDaysBeforeEnd: Int?
    @Flag(name: .customLong("mpr"), help: "Add days_supplied, mpr and mpr_capped (medication possession ratio).")
    var includeMPR = false

    func validate() throws {
        _ = try period(start: start, end: end)
        guard threshold >= 0, threshold <= 1 else { throw ValidationError("--threshold must be between 0 and 1 (got \(threshold))") }
        guard minimumFillDates >= 1 else { throw ValidationError("--min-fill-dates must be at least 1 (got \(minimumFillDates))") }
        if let indexDaysBeforeEnd, indexDaysBeforeEnd < 0 {
            throw ValidationError("--index-days-before-end must not be negative (got \(indexDaysBeforeEnd))")
        }
    }

    func run() throws {
        let output = try reportingFailures {
            let table = try InputTable(url: URL(fileURLWithPath: input), displayName: input)
            let fills = try PharmacyFills(table: table, id: id, date: date, daysSupply: daysSupply, drug: drug)
            let options = PDCOptions(
                period: try period(start: start, end: end), startsAtFirstFill: fromFirstFill, threshold: threshold,
                eligibility: PDCEligibility(
                    minimumFillDates: minimumFillDates, minimumDaysFromIndexToPeriodEnd: indexDaysBeforeEnd))
            let all = ProportionOfDaysCovered.compute(fills, options: options, includingIneligible: true)
            let results = all.filter(\.isEligible)
            if results.count < all.count {
                printToStandardError(
                    "\(all.count - results.count) of \(all.count) patients with a fill in the period are not eligible "
                        + "(fewer than \(minimumFillDates) fill dates"
                        + (indexDaysBeforeEnd.map { ", or a first fill less than \($0) days before --end" } ?? "")
                        + ") and are left out\n")
            }
            return CSVRenderer.render(AdherenceTables.proportionOfDaysCovered(
                results, fills: fills, idColumn: id, includeMPR: includeMPR))
        }
        try writeToStandardOutput(output)
    }
}

/// `start…end` as a day interval, or a validation error naming the bad option.
func period(start: String, end: String, startOption: String = "--start", endOption: String = "--end") throws -> DayInterval {
    func parse(_ text: String, _ option: String) throws -> CivilDate {
        guard let date = CivilDate(iso8601: text) else {
            throw ValidationError("\(option) \"\(text)\" is not a valid date (expected YYYY-MM-DD)")
        }
        return date
    }
    let first = try parse(start, startOption), last = try parse(end, endOption)
    guard first <= last else { throw ValidationError("\(endOption) \(end) is before \(startOption) \(start)") }
    return DayInterval(first: first.daysSinceEpoch, last: last.daysSinceEpoch)
}
