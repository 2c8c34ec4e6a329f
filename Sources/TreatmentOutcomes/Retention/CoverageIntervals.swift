/// Covered-day intervals per patient, sorted by start (the input of the episode rule).
enum CoverageIntervals {
    /// The covered days of each patient from doses when the cohort has them, else from pharmacy fills.
    /// - Throws: ``RetentionDataMissing`` with neither.
    static func fromRecords(of cohort: Cohort, options: RetentionOptions) throws -> ([[ClosedRange<Int>]], RetentionEpisodes.Source) {
        if let doses = cohort.doses {
            return (fromDoses(doses, medication: cohort.patients.medication, options: options), .doses)
        }
        if let fills = cohort.dispensings {
            return (fromDispensings(fills, patientCount: cohort.patients.count), .dispensings)
        }
        throw RetentionDataMissing()
    }

    /// Each dose covers its day; a naltrexone patient's dose (an injection) covers the configured days.
    static func fromDoses(_ doses: DoseTable, medication: [Medication], options: RetentionOptions) -> [[ClosedRange<Int>]] {
        (0..<medication.count).map { p in
            let span = medication[p] == .naltrexone ? options.naltrexoneDoseCoverageDays : 1
            return doses.byPatient.rows(of: p).map { row in
                let day = Int(doses.day[row])
                return day...(day + span - 1)
            }
        }
    }

    /// Each fill covers `[day, day + supply − 1]`; a fill of a drug whose earlier supply is still running starts
    /// the day after it ends (same-drug shifting, PQA/HEDIS); fills of different drugs overlap freely. Fills with
    /// zero supply cover nothing.
    static func fromDispensings(_ fills: DispensingTable, patientCount: Int) -> [[ClosedRange<Int>]] {
        (0..<patientCount).map { p in
            var supplyEnd: [Int32: Int] = [:]
            var intervals: [ClosedRange<Int>] = []
            for row in fills.byPatient.rows(of: p) where fills.daysSupply[row] > 0 {
                let drug = fills.drug.codes[row]
                let start = max(Int(fills.day[row]), (supplyEnd[drug] ?? Int.min) + 1)
                let end = start + Int(fills.daysSupply[row]) - 1
                supplyEnd[drug] = end
                intervals.append(start...end)
            }
            return intervals.sorted { $0.lowerBound < $1.lowerBound }
        }
    }

    /// The last day of any record of each patient (`nil` with none).
    static func lastRecordDays(_ cohort: Cohort) -> [Int?] {
        var last = [Int?](repeating: nil, count: cohort.patients.count)
        func include(_ patient: [Int32], _ day: [Int32]) {
            for (p, d) in zip(patient, day) { last[Int(p)] = max(last[Int(p)] ?? Int(d), Int(d)) }
        }
        if let t = cohort.doses { include(t.patient, t.day) }
        if let t = cohort.dispensings { include(t.patient, t.day) }
        if let t = cohort.screens { include(t.patient, t.day) }
        if let t = cohort.visits { include(t.patient, t.day) }
        if let t = cohort.assessments { include(t.patient, t.day) }
        if let t = cohort.episodes { include(t.patient, t.end.enumerated().map { $1 ?? t.start[$0] }) }
        return last
    }
}
