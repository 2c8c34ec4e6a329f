import Foundation
import OutcomeStats

/// The true values of the version-2 support contrasts (``SyntheticEstimands/supportAgainstAlone``), by Monte Carlo on
/// counterfactual cohorts (Austin, "The performance of different propensity score methods for estimating marginal
/// hazard ratios", Stat Med 2013;32:2837, doi:10.1002/sim.5705):
///
/// ```
/// replicate r = 0 … R − 1: patients i = 0 … n − 1 of the version-2 generator, seed (seed + r), medication m imposed
///   marginal: each patient twice, support imposed and alone imposed (same covariates, streams and censoring);
///             ψ_r = Cox (Efron) coefficient of support on the 2n episodes (time = end day + 1, event = dropout)
///   naive:    each patient once with the drawn (confounded) assignment; ν_r = the same unweighted coefficient
/// truth = mean ψ_r, Monte Carlo SE = SD(ψ_r)/√R      (likewise for ν)
/// ```
/// The marginal hazard ratio is what IPTW with stabilised weights estimates (the whole population given support
/// against given medication alone); it is not the conditional (covariate-adjusted) hazard ratio, and because the
/// marginal hazards are not proportional it depends on the follow-up and censoring, which the counterfactual cohorts
/// share with the generated one.
/// - Complexity: O(R·n·(protocol days + visits)) draws and 2·3·R Cox fits of up to 2n rows.
package enum SyntheticEstimandSimulation {
    /// One medication's values, with the replicate estimates (for diagnostics).
    package struct Result: Sendable {
        package let medication: Medication
        package let marginal: [Double]
        package let naive: [Double]

        package var marginalLogHazardRatio: (mean: Double, monteCarloStandardError: Double) { Self.summary(marginal) }
        package var naiveLogHazardRatio: (mean: Double, monteCarloStandardError: Double) { Self.summary(naive) }

        static func summary(_ values: [Double]) -> (mean: Double, monteCarloStandardError: Double) {
            let mean = values.reduce(0, +) / Double(values.count)
            guard values.count > 1 else { return (mean, .nan) }
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
            return (mean, (variance / Double(values.count)).squareRoot())
        }
    }

    /// Runs the simulation for every medication of the version-2 model.
    /// - Precondition: `replicates ≥ 1`, `patientsPerReplicate` in 1…``SyntheticCohortGenerator/maximumPatientCount``.
    package static func supportAgainstAlone(
        replicates: Int, patientsPerReplicate: Int, seed: UInt64
    ) throws -> [Result] {
        let model = SyntheticModel(parameters: SyntheticCohortParameters(version: .two))
        return try model.medications.indices.map { medication in
            var marginal: [Double] = [], naive: [Double] = []
            for replicate in 0..<replicates {
                let generator = try SyntheticCohortGenerator(
                    patientCount: patientsPerReplicate, seed: seed &+ UInt64(replicate), version: .two)
                let estimates = logHazardRatios(generator, medication: medication)
                marginal.append(estimates.marginal)
                naive.append(estimates.naive)
            }
            return Result(medication: model.medications[medication], marginal: marginal, naive: naive)
        }
    }

    /// ψ_r and ν_r of one replicate (`generator` holds its seed and n).
    static func logHazardRatios(
        _ generator: SyntheticCohortGenerator, medication: Int
    ) -> (marginal: Double, naive: Double) {
        var counterfactual = Episodes(), observed = Episodes()
        let support = generator.model.supportWeights!.map { $0 > 0 }
        for index in 0..<generator.patientCount {
            for imposed in [true, false] {
                let imposing = SyntheticAssignment(medication: medication, support: imposed)
                let (patient, _) = generator.baseline(of: index, assignment: imposing)
                counterfactual.append(patient, support: imposed)
            }
            let (patient, _) = generator.baseline(of: index, assignment: .init(medication: medication))
            observed.append(patient, support: support[patient.psychosocial])
        }
        return (counterfactual.supportCoefficient(), observed.supportCoefficient())
    }

    /// Retention times, dropout and support of simulated patients.
    struct Episodes {
        var times: [Double] = [], events: [Bool] = [], support: [Double] = []

        /// Retention days = end day + 1 (docs/Retention.md, "Episodes"); dropout is the event, other ends censor.
        mutating func append(_ patient: SyntheticBaseline, support group: Bool) {
            times.append(Double(patient.endDay + 1))
            events.append(patient.endReason == .dropout)
            support.append(group ? 1 : 0)
        }

        /// The Cox (Efron) coefficient of support.
        func supportCoefficient() -> Double {
            let design = Matrix(rows: support.count, columns: 1, columnMajor: support)
            return CoxModel().fit(design: design, times: times, events: events).coefficients[0] ?? .nan
        }
    }
}
