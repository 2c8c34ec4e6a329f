// Proportion of days covered and 180-day continuity on columnar fills: BENCHMARK_PATIENTS (default 1,000,000)
// patients × 10 fills each, two drugs, supplies 7–90 days over 2024 (seeded, built once in setup).
import Benchmark
import Foundation
import OutcomeStats
import TreatmentOutcomes

let benchmarks: @Sendable () -> Void = {
    let patients = Int(ProcessInfo.processInfo.environment["BENCHMARK_PATIENTS"] ?? "") ?? 1_000_000
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
        warmupIterations: 1, maxDuration: .seconds(30), maxIterations: 5)
    let year = DayInterval(first: CivilDate(year: 2024, month: 1, day: 1)!.daysSinceEpoch,
                           last: CivilDate(year: 2024, month: 12, day: 31)!.daysSinceEpoch)

    Benchmark("PDC (\(patients) patients × 10 fills)", configuration: configuration, closure: { benchmark, fills in
        for _ in benchmark.scaledIterations {
            blackHole(ProportionOfDaysCovered.compute(fills, options: PDCOptions(period: year, startsAtFirstFill: true)))
        }
    }, setup: { makeFills(patients: patients, first: year.first) })

    Benchmark("Continuity (\(patients) patients × 10 fills)", configuration: configuration, closure: { benchmark, fills in
        for _ in benchmark.scaledIterations {
            blackHole(PharmacotherapyContinuity.compute(fills))
        }
    }, setup: { makeFills(patients: patients, first: year.first) })
}

/// Ten fills per patient, already grouped by patient: days spread over the year, two drugs.
func makeFills(patients: Int, first: Int32) -> PharmacyFills {
    var state: UInt64 = 20_261_122
    func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
    var identifiers: [String] = [], days: [Int32] = [], supplies: [Int32] = [], drugs: [String] = []
    for patient in 0..<patients {
        var day = first + Int32(next(60))
        for _ in 0..<10 {
            identifiers.append(String(patient))
            days.append(day)
            supplies.append(Int32([7, 14, 30, 30, 90][next(5)]))
            drugs.append(next(4) == 0 ? "naltrexone" : "buprenorphine")
            day += Int32(next(45))
        }
    }
    return PharmacyFills(identifiers: identifiers, day: days, daysSupply: supplies, drug: drugs)
}
