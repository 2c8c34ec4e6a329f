// The coverage study of the synthetic truth (docs/SyntheticCohort.md, "Coverage study"): version-2 cohorts over many
// seeds, analysed by BalanceResults, each estimate compared with its true value from truth.json.
//
//   swift build -c release --product synthetic-coverage
//   .build/release/synthetic-coverage [--seeds 100] [--patients 3000] [--first-seed 1]
//   .build/release/synthetic-coverage --truth [--replicates 20] [--truth-patients 50000]   (recompute the truth)
import Foundation
import TreatmentOutcomes

/// `--name value` from the command line, or `fallback`.
func option(_ name: String, _ fallback: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1])
    else { return fallback }
    return value
}

/// Estimates of one estimand over the seeds: log hazard ratio, its standard error, and the true value.
struct Estimand {
    let name: String
    let truth: Double
    var estimates: [Double] = []
    var standardErrors: [Double] = []

    mutating func add(_ inference: CoefficientInference?) {
        guard let inference, inference.estimate.isFinite, inference.standardError.isFinite else { return }
        estimates.append(inference.estimate)
        standardErrors.append(inference.standardError)
    }

    /// | estimand | truth | mean | bias (MC SE) | empirical SE | mean model SE | coverage (MC SE) | fits |
    var row: String {
        let count = Double(estimates.count)
        let mean = estimates.reduce(0, +) / count
        let empirical = (estimates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1)).squareRoot()
        let modelSE = standardErrors.reduce(0, +) / count
        let covered = zip(estimates, standardErrors).count { abs($0 - truth) <= 1.959963984540054 * $1 }
        let coverage = Double(covered) / count
        let coverageSE = (coverage * (1 - coverage) / count).squareRoot()
        func f(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }
        let bias = "\(f(mean - truth)) (\(f(empirical / count.squareRoot())))"
        let covers = "\(f(100 * coverage, 1))% (\(f(100 * coverageSE, 1)))"
        let spread = "\(f(empirical)) | \(f(modelSE))"
        return "| \(name) | \(f(truth)) | \(f(mean)) | \(bias) | \(spread) | \(covers) | \(estimates.count) |"
    }
}

let estimands = SyntheticCohortParameters(version: .two).estimands!
if CommandLine.arguments.contains("--truth") {
    let replicates = option("--replicates", estimands.monteCarloReplicates)
    let patients = option("--truth-patients", estimands.monteCarloPatientsPerReplicate)
    let started = Date()
    let results = try SyntheticEstimandSimulation.supportAgainstAlone(
        replicates: replicates, patientsPerReplicate: patients, seed: estimands.monteCarloSeed)
    print("Truth by Monte Carlo: \(replicates) replicates of \(patients) patients, seed \(estimands.monteCarloSeed), "
          + "\(Int(Date().timeIntervalSince(started))) s")
    for result in results {
        let marginal = result.marginalLogHazardRatio, naive = result.naiveLogHazardRatio
        print(String(format: "%@: log HR %.5f (MC SE %.5f), naive %.5f (MC SE %.5f)", result.medication.rawValue,
                     marginal.mean, marginal.monteCarloStandardError, naive.mean, naive.monteCarloStandardError))
    }
    exit(0)
}

let seeds = option("--seeds", 100), patients = option("--patients", 3000), firstSeed = option("--first-seed", 1)
let beta = estimands.engagementLogHazardRatioPerSession
let medications: [Medication] = [.methadone, .buprenorphine, .naltrexone]
let truth = Dictionary(uniqueKeysWithValues: estimands.supportAgainstAlone.map { ($0.medication, $0) })
var adjusted = medications.map { Estimand(name: "sessions, adjusted, \($0.rawValue)", truth: beta) }
var coverage = medications.map { Estimand(name: "covered proportion, adjusted, \($0.rawValue)", truth: 0) }
var unadjusted = medications.map { Estimand(name: "sessions, unadjusted, \($0.rawValue)", truth: beta) }
/// The true marginal log hazard ratio of support against alone for `medication`.
func marginal(_ medication: Medication) -> Double { truth[medication.rawValue]!.logHazardRatio }
var weighted = medications.map { Estimand(name: "support, IPTW, \($0.rawValue)", truth: marginal($0)) }
var naive = medications.map { Estimand(name: "support, crude, \($0.rawValue)", truth: marginal($0)) }
let engagementCovariates = ["age", "sex", "iv_use", "homeless", "prior_episodes"]
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("synthetic-coverage-\(getpid())")
let started = Date()
for seed in firstSeed..<(firstSeed + seeds) {
    let folder = scratch.appendingPathComponent("seed-\(seed)")
    _ = try SyntheticCohortGenerator(patientCount: patients, seed: UInt64(seed), version: .two).write(to: folder)
    let cohort = try CohortLoader.load(from: folder)
    var plan = try AnalysisPlan.effective(for: cohort)
    plan.balance.engagementCovariates = engagementCovariates  // the default's covariates on these cohorts
    let results = try BalanceResults(cohort: cohort, plan: plan)
    var exposuresOnly = plan
    exposuresOnly.balance.engagementCovariates = []
    let plain = try EngagementAnalysis(cohort: cohort, plan: exposuresOnly)
    for (index, medication) in medications.enumerated() {
        let models = results.engagement.value?.byMedication.first { $0.medication == medication }?.hazards
        adjusted[index].add(models?.hazardRatio(EngagementAnalysis.sessionsTerm))
        coverage[index].add(models?.hazardRatio(EngagementAnalysis.coverageTerm))
        unadjusted[index].add(plain.byMedication.first { $0.medication == medication }?.hazards
            .hazardRatio(EngagementAnalysis.sessionsTerm))
        let comparison = results.supportComparisons.first { $0.medication == medication }?.comparison.value
        weighted[index].add(comparison?.hazardRatio)
        naive[index].add(comparison?.unweightedHazardRatio)
    }
    try? FileManager.default.removeItem(at: folder)
    if seed == firstSeed {
        let terms = results.engagement.value?.byMedication.first?.hazards.terms ?? []
        let propensity = results.supportComparisons.first?.comparison.value?.terms ?? []
        FileHandle.standardError.write(Data("engagement terms: \(terms)\npropensity terms: \(propensity)\n".utf8))
    }
    FileHandle.standardError.write(Data("seed \(seed): \(Int(Date().timeIntervalSince(started))) s\n".utf8))
}
try? FileManager.default.removeItem(at: scratch)

print("Coverage study: \(seeds) seeds (\(firstSeed)…\(firstSeed + seeds - 1)), \(patients) patients each, generator "
      + "\(SyntheticGeneratorVersion.two.semanticVersion), \(Int(Date().timeIntervalSince(started))) s")
print("Log hazard ratios; bias = mean − truth (its Monte Carlo SE); coverage of the 95% interval (its MC SE).\n")
print("| estimand | truth | mean | bias (MC SE) | empirical SE | mean model SE | coverage (MC SE) | fits |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for estimand in adjusted + coverage + unadjusted + weighted + naive { print(estimand.row) }
