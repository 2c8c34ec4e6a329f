import Foundation
@testable import OutcomeStats
import Testing

/// How many closures run at once, and the most seen.
final class Occupancy: @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    private(set) var most = 0

    func enter() {
        lock.lock()
        running += 1
        most = max(most, running)
        lock.unlock()
    }

    func leave() {
        lock.lock()
        running -= 1
        lock.unlock()
    }
}

@Suite("concurrently and the cores serial parts hold", .serialized)
struct ConcurrentlyTests {
    static func work(_ count: Int, _ occupancy: Occupancy) -> [@Sendable () throws -> Int] {
        (0..<count).map { index in
            { @Sendable in
                occupancy.enter()
                defer { occupancy.leave() }
                Thread.sleep(forTimeInterval: 0.02)
                if index == 3 { throw CancellationError() }
                return index * index
            }
        }
    }

    @Test("every closure's result or error in the order given, each run once")
    func resultsInOrder() {
        let occupancy = Occupancy()
        let results = concurrently(Self.work(9, occupancy))
        #expect(results.count == 9)
        for (index, result) in results.enumerated() {
            if index == 3 {
                #expect(throws: CancellationError.self) { try result.get() }
            } else {
                #expect((try? result.get()) == index * index)
            }
        }
        #expect(occupancy.most <= CoreBudget.cores)
        #expect(concurrently([@Sendable () throws -> Int]()).isEmpty)
    }

    @Test("beside a serial part holding a core, only the other cores run closures (at least one), then all again")
    func heldCoresLimitTheWorkers() {
        let occupancy = Occupancy()
        let results = CoreBudget.occupying {
            #expect(CoreBudget.heldCores == 1)
            return concurrently(Self.work(6, occupancy))
        }
        #expect(results.count == 6 && (try? results[5].get()) == 25)
        #expect(occupancy.most == max(1, CoreBudget.cores - 1))
        #expect(CoreBudget.heldCores == 0)
        let free = Occupancy()
        _ = concurrently(Self.work(6, free))
        #expect(free.most <= CoreBudget.cores)
    }

    @Test("workers waiting for a held core leave when the work runs out; a core held in a throwing part is given back")
    func noWorkerOutlivesItsWork() {
        // Every core held: only the first worker runs, and the others must not wait for a core forever.
        let holders = (0..<CoreBudget.cores).map { _ in CoreBudget.self }
        func holding(_ depth: Int) -> [Result<Int, any Error>] {
            depth == holders.count ? concurrently(Self.work(5, Occupancy()))
                : CoreBudget.occupying { holding(depth + 1) }
        }
        #expect(holding(0).compactMap { try? $0.get() } == [0, 1, 4, 16])
        #expect(throws: CancellationError.self) { try CoreBudget.occupying { throw CancellationError() } }
        #expect(CoreBudget.heldCores == 0)
    }
}
