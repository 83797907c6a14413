import Foundation
import Synchronization
import Testing
@testable import ScaffoldCLI

@Suite struct FleetProgressTests {
    final class Lines: Sendable {
        private let written = Mutex<[String]>([])
        func append(_ text: String) { written.withLock { $0.append(text) } }
        var all: [String] { written.withLock { $0 } }
    }

    @Test func aRateLimitWaitIsShownOnTheLineAndNothingIsDrawnAfterTheEnd() {
        let lines = Lines()
        let progress = FleetProgress(total: 10, waiting: { 12 }, write: { lines.append($0) })
        progress.update(done: 10)
        progress.finish()
        #expect(lines.all.count == 2)
        #expect(lines.all.first?.hasPrefix("\r[10/10] 100%") == true)
        #expect(lines.all.first?.hasSuffix("rate limited: resuming in 12s") == true)
        let width = (lines.all.first?.count ?? 1) - 1
        #expect(lines.all.last == "\r" + String(repeating: " ", count: width) + "\r")
        progress.update(done: 10)
        #expect(lines.all.count == 2)
    }

    @Test func withoutAWaitTheLineSaysNothingOfIt() {
        let lines = Lines()
        let progress = FleetProgress(total: 4, write: { lines.append($0) })
        progress.update(done: 4)
        progress.finish()
        #expect(lines.all.first?.contains("rate limited") == false)
    }
}
