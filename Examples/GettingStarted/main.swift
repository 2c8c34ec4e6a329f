// Getting Started with TreatmentOutcomes: the code of the article "Getting Started" in
// Sources/TreatmentOutcomes/TreatmentOutcomes.docc, built and run by the test command (a test checks that the
// article shows this file and that the numbers it prints are the report's).
//
// Run it: swift run GettingStarted datasets/ctn0094/cohort
import Foundation
import TreatmentOutcomes

// 1. Load a cohort folder: patients.csv, the event files present, and cohort.json when there is one.
let folder = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? "datasets/ctn0094/cohort")
let cohort = try CohortLoader.load(from: folder)

// 2. The analysis plan: the library's defaults, then what the cohort's cohort.json says about it. The report
//    uses the same plan, so the numbers below are the ones it prints.
let plan = try AnalysisPlan.effective(for: cohort)

// 3. Retention by arm and the craving trends, computed once (concurrently) as the report computes them.
let analysis = await CohortAnalysis(cohort: cohort, plan: plan, parts: [.retention, .craving])
switch analysis.retention {
case .computed(let retention):
    for arm in retention.byArm {
        // Kaplan–Meier: the proportion still in treatment at each of the plan's horizons, with its 95% interval
        for horizon in arm.retained {
            guard let estimate = horizon.estimate else { continue }  // beyond the arm's follow-up
            print("retention", arm.label, horizon.day, estimate, horizon.lower ?? .nan, horizon.upper ?? .nan,
                  separator: "\t")
        }
    }
case .unavailable(let reason):
    print("retention not measured:", reason)
}

// 4. Proportion of days covered per patient from pharmacy fills (PQA method), over the plan's follow-up.
if let dispensings = cohort.dispensings {
    let fills = PharmacyFills(dispensings: dispensings, patients: cohort.patients)
    let perPatient = ProportionOfDaysCovered.compute(fills, options: plan.pdcOptions)
    let adherent = perPatient.filter(\.isAdherent).count
    print("pdc", perPatient.count, adherent, separator: "\t")
}

// 5. A craving mixed model: value ~ week × arm + (1 + week | patient), REML, with Wald intervals.
if let craving = analysis.craving.value, let trajectory = craving.trajectories.first, let fit = trajectory.fit {
    let week = trajectory.terms.firstIndex(of: "week")!
    if let slope = fit.coefficientInference()[week] {
        print("craving", trajectory.instrument.name, slope.estimate, slope.interval.lower, slope.interval.upper,
              fit.convergence.converged, fit.isSingular, separator: "\t")
    }
}

// 6. A relapse-risk score: fit the plan's landmark model (cross-validated), then score every patient.
let (outcome, _) = try RelapseRiskResults.outcome(cohort: cohort, plan: plan)
let model = try RelapseRiskFit(cohort: cohort, options: try plan.relapseRiskOptions(), outcome: outcome)
let risks = try model.model.score(cohort)
print("risk", model.validation.crossValidated.auc?.estimate ?? .nan, risks.count, separator: "\t")
