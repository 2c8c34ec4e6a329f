import Foundation

/// Runs every closure of `work`, as many at once as the machine has cores free, and returns each one's result (or
/// error) in the order given, after all have finished. For independent parts of one analysis (the domain's
/// measures, cross-validation folds); the results do not depend on the number of cores. `package`: TreatmentOutcomes
/// uses it too, and does not import Dispatch itself.
///
/// Workers (`DispatchQueue.concurrentPerform`, one per core, at most one per closure) take the closures in order.
/// The first worker always runs; each further one waits for a core that no serial part holds (``CoreBudget``), or
/// until no closure is left: while the report's balance models run on one of two cores, the relapse-risk folds run
/// one at a time beside them rather than two, and widen to both cores when the balance part ends. Each closure
/// writes only its own slot, and the slots are read after `concurrentPerform` returns.
package func concurrently<T: Sendable>(_ work: [@Sendable () throws -> T]) -> [Result<T, any Error>] {
    let results = UnsafeMutableBufferPointer<Result<T, any Error>?>.allocate(capacity: work.count)
    results.initialize(repeating: nil)
    defer {
        results.deinitialize()
        results.deallocate()
    }
    nonisolated(unsafe) let slots = results
    let queue = WorkQueue(count: work.count)
    DispatchQueue.concurrentPerform(iterations: min(CoreBudget.cores, work.count)) { worker in
        while let index = CoreBudget.next(of: queue, worker: worker) {
            slots[index] = Result { try work[index]() }
        }
    }
    return results.map { $0! }
}

/// The indices of one ``concurrently(_:)`` call still to run, handed out once each, in order, under
/// ``CoreBudget``'s lock.
private final class WorkQueue: @unchecked Sendable {
    var position = 0
    let count: Int

    init(count: Int) { self.count = count }
}

/// The cores held by serial parts of one analysis, so that ``concurrently(_:)`` beside them uses only the rest.
///
/// A serial part (one thread for its whole run, such as the report's balance models) runs inside
/// ``occupying(_:)``; worker k ≥ 1 of ``concurrently(_:)`` waits while k ≥ cores − held. Results never depend on it:
/// only how many closures run at once, so memory (two relapse-risk training sets instead of three at a time on two
/// cores) and the share of each core.
package enum CoreBudget {
    /// The machine's active cores (at least 1).
    package static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
    private static let condition = NSCondition()
    nonisolated(unsafe) private static var held = 0

    /// Runs `body` holding one core; the cores it frees are handed to waiting workers when it returns or throws.
    package static func occupying<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        held += 1
        condition.unlock()
        defer {
            condition.lock()
            held -= 1
            condition.broadcast()
            condition.unlock()
        }
        return try body()
    }

    /// The cores held now (for tests).
    package static var heldCores: Int {
        condition.lock()
        defer { condition.unlock() }
        return held
    }

    /// The next index of `queue` for `worker`, or `nil` when none is left. Worker 0 never waits (whichever thread
    /// runs it); worker k ≥ 1 waits while k ≥ cores − held and indices remain. Taking the last index wakes every waiting
    /// worker, so none outlives the work (a serial part that calls ``concurrently(_:)`` itself runs it on its own
    /// thread rather than waiting for the core it holds).
    fileprivate static func next(of queue: WorkQueue, worker: Int) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while worker > 0 && worker >= cores - held && queue.position < queue.count { condition.wait() }
        guard queue.position < queue.count else { return nil }
        queue.position += 1
        if queue.position == queue.count { condition.broadcast() }
        return queue.position - 1
    }
}
