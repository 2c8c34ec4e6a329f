import Testing

@testable import OutcomeReports

/// The Data section warns when the audit could not protect a withheld count, and says nothing otherwise.
@Suite("Disclosure: the warning for counts the audit could not protect")
struct UnresolvedWarningTests {
    @Test("no warning without unresolved counts; the count and a call for review with them")
    func warning() {
        #expect(SuppressionSummary.unresolvedWarning(0).isEmpty)
        #expect(SuppressionSummary.unresolvedWarning(1).contains("1 withheld count could still be narrowed"))
        let two = SuppressionSummary.unresolvedWarning(2)
        #expect(two.contains("2 withheld counts could still be narrowed") && two.contains("review"))
    }
}
