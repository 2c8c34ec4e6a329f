import Foundation
import TreatmentOutcomes
import _OutcomeTestSupport

/// The bundled CTN-0094 cohort and its full ``CohortAnalysis``, loaded and computed once per test process and
/// shared by every test that needs them (the analysis takes seconds; the tests only read its values).
public enum BundledCohort {
    public static let folder = datasetURL("ctn0094/cohort")

    private static let loaded = Result { try CohortLoader.load(from: folder) }
    private static let analysisTask = Task { () throws -> CohortAnalysis in
        let cohort = try loaded.get()
        return await CohortAnalysis(cohort: cohort, plan: try AnalysisPlan.effective(for: cohort))
    }

    /// The loaded cohort (with its manifest and published words).
    public static func cohort() throws -> Cohort { try loaded.get() }

    /// The analysis under the cohort's own plan: what `outcome-report` prints for it.
    public static func analysis() async throws -> CohortAnalysis { try await analysisTask.value }
}
