import Foundation
import Synchronization

/// Runs blocking work (libgit2 calls, renders) for many items, `jobs` at a time, on threads of its
/// own. Not the Swift concurrency pool: its width is the core count whatever `--jobs` says, and
/// blocking it starves everything else. Each item's work runs wholly on one thread, so a service's
/// `Repository` and every libgit2 object made from it stay on that thread.
enum BoundedRunner {
    /// Template rendering recurses; the default stack of secondary threads is too small for deep templates.
    static let stackSize = 8 << 20

    /// Results in the order of `items`. `completed` is called after each item with the number done so far.
    static func map<Item: Sendable, Output: Sendable>(
        _ items: [Item], jobs: Int, completed: @escaping @Sendable (Int) -> Void = { _ in },
        _ work: @escaping @Sendable (Item) -> Output
    ) -> [Output] {
        let collected = Mutex<[Output]>([])
        forEach(items, jobs: jobs, completed: completed, work) { output in
            collected.withLock { $0.append(output) }
        }
        return collected.withLock { $0 }
    }

    /// Each result handed to `deliver` in the order of `items`, as soon as every earlier one is
    /// done, and then dropped: a fleet of thousands is reported as it goes instead of held whole.
    /// `deliver` is called one result at a time (never concurrently).
    static func forEach<Item: Sendable, Output: Sendable>(
        _ items: [Item], jobs: Int, completed: @escaping @Sendable (Int) -> Void = { _ in },
        _ work: @escaping @Sendable (Item) -> Output, deliver: @escaping @Sendable (Output) -> Void
    ) {
        let queue = WorkQueue<Output>(count: items.count, deliver: deliver)
        let group = DispatchGroup()
        for _ in 0..<max(1, min(jobs, items.count)) {
            group.enter()
            let thread = Thread {
                while let index = queue.take() {
                    completed(queue.finish(index, with: work(items[index])))
                }
                group.leave()
            }
            thread.stackSize = stackSize
            thread.start()
        }
        group.wait()
    }
}

/// The shared state of one `BoundedRunner.forEach`: the next item to hand out, and the results
/// finished ahead of an earlier one still running.
private final class WorkQueue<Output: Sendable>: Sendable {
    private struct State {
        var next = 0
        var done = 0
        var nextDelivered = 0
        var waiting: [Int: Output] = [:]
    }
    private let state = Mutex(State())
    private let count: Int
    private let deliver: @Sendable (Output) -> Void

    init(count: Int, deliver: @escaping @Sendable (Output) -> Void) {
        self.count = count
        self.deliver = deliver
    }

    /// The index of the next item to work on; nil when every item has been handed out.
    func take() -> Int? {
        state.withLock { state in
            guard state.next < count else { return nil }
            defer { state.next += 1 }
            return state.next
        }
    }

    /// Records an item's result and delivers every result now in order; returns how many items are done.
    func finish(_ index: Int, with output: sending Output) -> Int {
        state.withLock { state in
            state.waiting[index] = output
            while let ready = state.waiting.removeValue(forKey: state.nextDelivered) {
                deliver(ready)
                state.nextDelivered += 1
            }
            state.done += 1
            return state.done
        }
    }
}
