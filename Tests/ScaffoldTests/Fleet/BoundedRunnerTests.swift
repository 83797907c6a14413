import Foundation
@testable import Scaffold
import Synchronization
import Testing

@Suite struct BoundedRunnerTests {
    final class Gauge: Sendable {
        private let state = Mutex((running: 0, peak: 0))
        func enter() { state.withLock { $0.running += 1; $0.peak = max($0.peak, $0.running) } }
        func leave() { state.withLock { $0.running -= 1 } }
        var peak: Int { state.withLock { $0.peak } }
    }

    @Test(arguments: [1, 3, 8])
    func resultsKeepOrderAndJobsBoundConcurrency(jobs: Int) {
        let gauge = Gauge()
        let reported = Mutex([Int]())
        let results = BoundedRunner.map(Array(0..<40), jobs: jobs, completed: { done in reported.withLock { $0.append(done) } }) { item in
            gauge.enter()
            usleep(1_000)
            gauge.leave()
            return item * 2
        }
        #expect(results == (0..<40).map { $0 * 2 })
        #expect(gauge.peak <= jobs)
        #expect(reported.withLock { $0.sorted() } == Array(1...40))
    }

    @Test func emptyInput() {
        #expect(BoundedRunner.map([Int](), jobs: 4) { $0 }.isEmpty)
    }
}
