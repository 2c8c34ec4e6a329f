import Foundation

/// One reader per event file: columns, checks and the sorted table (docs/InputFormat.md).
extension EventFileReader {
    func doses(url: URL, displayName: String) throws -> (DoseTable, LoadReport.File) {
        let hasTakeHome = try CSVReader(url: url, displayName: displayName).header.contains("take_home")
        let opened = try open(url: url, displayName: displayName, file: .doses, required: ["amount"],
                              optional: hasTakeHome ? ["take_home"] : [])
        let amountColumn = opened.columns[0], takeHomeColumn = hasTakeHome ? opened.columns[1] : -1
        var patient: [Int32] = [], day: [Int32] = [], amount: [Double] = [], takeHome: [Int32] = []
        reserve(opened, &patient, &day)
        amount.reserveCapacity(opened.reader.estimatedRecordCount)
        if hasTakeHome { takeHome.reserveCapacity(opened.reader.estimatedRecordCount) }
        let report = try forEach(opened) { record, patientIndex, dayIndex in
            let value = try record.double(amountColumn)
            guard value >= 0 else {
                throw record.error(.outOfRange, amountColumn, "dose amount \(record.string(amountColumn)) is negative")
            }
            if hasTakeHome {
                let doses = record.isEmpty(takeHomeColumn) ? 0 : try record.integer32(takeHomeColumn)
                guard doses >= 0 else {
                    throw record.error(.outOfRange, takeHomeColumn, "take-home doses \(doses) is negative")
                }
                takeHome.append(doses)
            }
            patient.append(patientIndex)
            day.append(dayIndex)
            amount.append(value)
        }
        let order = EventOrder(patient: patient, day: day, patientCount: patientCount)
        let table = DoseTable(patient: order.apply(patient), day: order.apply(day), amount: order.apply(amount),
                              takeHome: hasTakeHome ? order.apply(takeHome) : nil, byPatient: order.ranges)
        return (table, report)
    }

    func dispensings(url: URL, displayName: String) throws -> (DispensingTable, LoadReport.File) {
        let opened = try open(url: url, displayName: displayName, file: .dispensings, required: ["days_supply", "drug"])
        let supplyColumn = opened.columns[0], drugColumn = opened.columns[1]
        var patient: [Int32] = [], day: [Int32] = [], supply: [Int32] = []
        reserve(opened, &patient, &day, &supply)
        var drug = CategoricalBuilder(reservingCapacity: opened.reader.estimatedRecordCount)
        let report = try forEach(opened) { record, patientIndex, dayIndex in
            let days = try record.integer32(supplyColumn)
            guard days >= 0 else {
                throw record.error(.negativeDaysSupply, supplyColumn, "days supply \(days) is negative")
            }
            patient.append(patientIndex)
            day.append(dayIndex)
            supply.append(days)
            drug.append(record.bytes(drugColumn))
        }
        let order = EventOrder(patient: patient, day: day, patientCount: patientCount)
        let table = DispensingTable(patient: order.apply(patient), day: order.apply(day), daysSupply: order.apply(supply),
                                    drug: order.apply(drug.build()), byPatient: order.ranges)
        return (table, report)
    }

    func screens(url: URL, displayName: String) throws -> (ScreenTable, LoadReport.File) {
        let opened = try open(url: url, displayName: displayName, file: .screens, required: ["substance", "result"])
        let substanceColumn = opened.columns[0], resultColumn = opened.columns[1]
        var patient: [Int32] = [], day: [Int32] = [], result: [ScreenResult] = []
        reserve(opened, &patient, &day)
        result.reserveCapacity(opened.reader.estimatedRecordCount)
        var substance = CategoricalBuilder(reservingCapacity: opened.reader.estimatedRecordCount)
        let report = try forEach(opened) { record, patientIndex, dayIndex in
            let value: ScreenResult = try record.vocabulary(resultColumn)
            patient.append(patientIndex)
            day.append(dayIndex)
            substance.append(record.bytes(substanceColumn))
            result.append(value)
        }
        let order = EventOrder(patient: patient, day: day, patientCount: patientCount)
        let table = ScreenTable(patient: order.apply(patient), day: order.apply(day), substance: order.apply(substance.build()),
                                result: order.apply(result), byPatient: order.ranges)
        return (table, report)
    }

    func visits(url: URL, displayName: String) throws -> (VisitTable, LoadReport.File) {
        let opened = try open(url: url, displayName: displayName, file: .visits, required: ["kind", "status"])
        let kindColumn = opened.columns[0], statusColumn = opened.columns[1]
        var patient: [Int32] = [], day: [Int32] = [], status: [VisitStatus] = []
        reserve(opened, &patient, &day)
        status.reserveCapacity(opened.reader.estimatedRecordCount)
        var kind = CategoricalBuilder(reservingCapacity: opened.reader.estimatedRecordCount)
        let report = try forEach(opened) { record, patientIndex, dayIndex in
            let value: VisitStatus = try record.vocabulary(statusColumn)
            patient.append(patientIndex)
            day.append(dayIndex)
            kind.append(record.bytes(kindColumn))
            status.append(value)
        }
        let order = EventOrder(patient: patient, day: day, patientCount: patientCount)
        let table = VisitTable(patient: order.apply(patient), day: order.apply(day), kind: order.apply(kind.build()),
                               status: order.apply(status), byPatient: order.ranges)
        return (table, report)
    }

    func assessments(url: URL, displayName: String) throws -> (AssessmentTable, LoadReport.File) {
        let opened = try open(url: url, displayName: displayName, file: .assessments,
                              required: ["instrument", "score"], optional: ["item"])
        let instrumentColumn = opened.columns[0], scoreColumn = opened.columns[1], itemColumn = opened.columns[2]
        var patient: [Int32] = [], day: [Int32] = [], score: [Double] = []
        reserve(opened, &patient, &day)
        score.reserveCapacity(opened.reader.estimatedRecordCount)
        var instrument = CategoricalBuilder(reservingCapacity: opened.reader.estimatedRecordCount)
        var item = CategoricalBuilder(reservingCapacity: opened.reader.estimatedRecordCount)
        let report = try forEach(opened) { record, patientIndex, dayIndex in
            let value = try record.double(scoreColumn)
            patient.append(patientIndex)
            day.append(dayIndex)
            instrument.append(record.bytes(instrumentColumn))
            item.append(record.bytes(itemColumn))
            score.append(value)
        }
        let order = EventOrder(patient: patient, day: day, patientCount: patientCount)
        let table = AssessmentTable(
            patient: order.apply(patient), day: order.apply(day), instrument: order.apply(instrument.build()),
            item: order.apply(item.build()), score: order.apply(score), byPatient: order.ranges)
        return (table, report)
    }

    /// `start` and `end` follow the cohort's convention: dates when patients.csv has `index_date`, days otherwise.
    /// `end` may be empty only for an `ongoing` episode, and must not precede `start`.
    func episodes(url: URL, displayName: String) throws -> (EpisodeTable, LoadReport.File) {
        let opened = try open(url: url, displayName: displayName, file: .episodes, required: ["start", "end_reason"],
                              optional: ["end"], resolvesEventTime: false)
        let startColumn = opened.columns[0], reasonColumn = opened.columns[1], endColumn = opened.columns[2]
        let isDate = lookup.indexDates != nil
        var patient: [Int32] = [], start: [Int32] = [], end: [Int32?] = [], reason: [EpisodeEndReason] = []
        let report = try forEach(opened) { record, patientIndex, _ in
            let endReason: EpisodeEndReason = try record.vocabulary(reasonColumn)
            let startDay = try day(record, column: startColumn, isDate: isDate, patient: patientIndex)
            var endDay: Int32?
            if record.isEmpty(endColumn) {
                guard endReason == .ongoing else {
                    throw record.error(.emptyField, endColumn,
                                       "end is empty but end_reason is \"\(endReason.rawValue)\"; only an ongoing episode may lack an end")
                }
            } else {
                let value = try day(record, column: endColumn, isDate: isDate, patient: patientIndex)
                guard value >= startDay else {
                    throw record.error(.inconsistentRecord, endColumn, "the episode ends before it starts")
                }
                endDay = value
            }
            patient.append(patientIndex)
            start.append(startDay)
            end.append(endDay)
            reason.append(endReason)
        }
        let order = EventOrder(patient: patient, day: start, patientCount: patientCount)
        let table = EpisodeTable(patient: order.apply(patient), start: order.apply(start), end: order.apply(end),
                                 endReason: order.apply(reason), byPatient: order.ranges)
        return (table, report)
    }

    private var patientCount: Int { lookup.identifiers.count }

    /// Reserves the file's estimated row count in the patient and day columns, so appends rarely copy.
    private func reserve(_ opened: OpenedFile, _ patient: inout [Int32], _ day: inout [Int32]) {
        patient.reserveCapacity(opened.reader.estimatedRecordCount)
        day.reserveCapacity(opened.reader.estimatedRecordCount)
    }

    private func reserve(_ opened: OpenedFile, _ patient: inout [Int32], _ day: inout [Int32], _ third: inout [Int32]) {
        reserve(opened, &patient, &day)
        third.reserveCapacity(opened.reader.estimatedRecordCount)
    }
}
