import Foundation

/// One reader per event file: columns, checks and the sorted table (docs/InputFormat.md).
extension EventFileReader {
    func doses(url: URL, displayName: String) throws -> (DoseTable, LoadReport.File) {
        var patient: [Int32] = [], day: [Int32] = [], amount: [Double] = []
        let report = try read(url: url, displayName: displayName, file: .doses, required: ["amount"]) { row, time in
            let value = try row.record.double(row.columns[0])
            guard value >= 0 else {
                throw row.record.error(.outOfRange, row.columns[0], "dose amount \(row.record.string(row.columns[0])) is negative")
            }
            day.append(try row.day(time!, indexDates: lookup.indexDates))
            patient.append(row.patient)
            amount.append(value)
        }
        let order = EventOrder(patient: patient, day: day, patientCount: patientCount)
        let table = DoseTable(patient: order.apply(patient), day: order.apply(day), amount: order.apply(amount),
                              byPatient: order.ranges)
        return (table, report)
    }

    func dispensings(url: URL, displayName: String) throws -> (DispensingTable, LoadReport.File) {
        var patient: [Int32] = [], day: [Int32] = [], supply: [Int32] = []
        var drug = CategoricalBuilder()
        let report = try read(url: url, displayName: displayName, file: .dispensings, required: ["days_supply", "drug"]) { row, time in
            let days = try row.record.integer32(row.columns[0])
            guard days >= 0 else {
                throw row.record.error(.negativeDaysSupply, row.columns[0], "days supply \(days) is negative")
            }
            day.append(try row.day(time!, indexDates: lookup.indexDates))
            patient.append(row.patient)
            supply.append(days)
            drug.append(row.record.bytes(row.columns[1]))
        }
        let order = EventOrder(patient: patient, day: day, patientCount: patientCount)
        let table = DispensingTable(patient: order.apply(patient), day: order.apply(day), daysSupply: order.apply(supply),
                                    drug: order.apply(drug.build()), byPatient: order.ranges)
        return (table, report)
    }

    func screens(url: URL, displayName: String) throws -> (ScreenTable, LoadReport.File) {
        var patient: [Int32] = [], day: [Int32] = [], result: [ScreenResult] = []
        var substance = CategoricalBuilder()
        let report = try read(url: url, displayName: displayName, file: .screens, required: ["substance", "result"]) { row, time in
            let value: ScreenResult = try row.record.vocabulary(row.columns[1])
            day.append(try row.day(time!, indexDates: lookup.indexDates))
            patient.append(row.patient)
            substance.append(row.record.bytes(row.columns[0]))
            result.append(value)
        }
        let order = EventOrder(patient: patient, day: day, patientCount: patientCount)
        let table = ScreenTable(patient: order.apply(patient), day: order.apply(day), substance: order.apply(substance.build()),
                                result: order.apply(result), byPatient: order.ranges)
        return (table, report)
    }

    func visits(url: URL, displayName: String) throws -> (VisitTable, LoadReport.File) {
        var patient: [Int32] = [], day: [Int32] = [], status: [VisitStatus] = []
        var kind = CategoricalBuilder()
        let report = try read(url: url, displayName: displayName, file: .visits, required: ["kind", "status"]) { row, time in
            let value: VisitStatus = try row.record.vocabulary(row.columns[1])
            day.append(try row.day(time!, indexDates: lookup.indexDates))
            patient.append(row.patient)
            kind.append(row.record.bytes(row.columns[0]))
            status.append(value)
        }
        let order = EventOrder(patient: patient, day: day, patientCount: patientCount)
        let table = VisitTable(patient: order.apply(patient), day: order.apply(day), kind: order.apply(kind.build()),
                               status: order.apply(status), byPatient: order.ranges)
        return (table, report)
    }

    func assessments(url: URL, displayName: String) throws -> (AssessmentTable, LoadReport.File) {
        var patient: [Int32] = [], day: [Int32] = [], score: [Double] = []
        var instrument = CategoricalBuilder(), item = CategoricalBuilder()
        let report = try read(url: url, displayName: displayName, file: .assessments,
                              required: ["instrument", "score"], optional: ["item"]) { row, time in
            let value = try row.record.double(row.columns[1])
            day.append(try row.day(time!, indexDates: lookup.indexDates))
            patient.append(row.patient)
            instrument.append(row.record.bytes(row.columns[0]))
            item.append(row.record.bytes(row.columns[2]))
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
        var patient: [Int32] = [], start: [Int32] = [], end: [Int32?] = [], reason: [EpisodeEndReason] = []
        let isDate = lookup.indexDates != nil
        let report = try read(url: url, displayName: displayName, file: .episodes, required: ["start", "end_reason"],
                              optional: ["end"], resolvesEventTime: false) { row, _ in
            let endReason: EpisodeEndReason = try row.record.vocabulary(row.columns[1])
            let startDay = try row.day(.init(column: row.columns[0], isDate: isDate), indexDates: lookup.indexDates)
            var endDay: Int32?
            if row.record.isEmpty(row.columns[2]) {
                guard endReason == .ongoing else {
                    throw row.record.error(.emptyField, row.columns[2],
                                           "end is empty but end_reason is \"\(endReason.rawValue)\"; only an ongoing episode may lack an end")
                }
            } else {
                let value = try row.day(.init(column: row.columns[2], isDate: isDate), indexDates: lookup.indexDates)
                guard value >= startDay else {
                    throw row.record.error(.inconsistentRecord, row.columns[2], "the episode ends before it starts")
                }
                endDay = value
            }
            patient.append(row.patient)
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
}
