import Foundation

/// Runs every closure of `work` at the same time, as many at once as the machine has cores
/// (`DispatchQueue.concurrentPerform`), and returns each one's result (or error) in the order given, after all have
/// finished. For independent parts of one analysis (the domain's measures, cross-validation folds); the results do
/// not depend on the number of cores. `package`: TreatmentOutcomes uses it too, and does not import Dispatch itself.
///
/// Each closure writes only its own slot, and the slots are read after `concurrentPerform` returns, so no lock is
/// needed (and none that ThreadSanitizer cannot see is used; see TreatmentOutcomes' `CohortLoader`).
package func concurrently<T: Sendable>(_ work: [@Sendable () throws -> T]) -> [Result<T, any Error>] {
    let results = UnsafeMutableBufferPointer<Result<T, any Error>?>.allocate(capacity: work.count)
    results.initialize(repeating: nil)
    defer {
        results.deinitialize()
        results.deallocate()
    }
    nonisolated(unsafe) let slots = results
    DispatchQueue.concurrentPerform(iterations: work.count) { index in
        slots[index] = Result { try work[index]() }
    }
    return results.map { $0! }
}
