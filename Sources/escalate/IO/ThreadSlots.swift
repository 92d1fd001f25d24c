/// One slot per worker thread, each written by exactly one thread, read after all finish.
/// Raw storage, because concurrent writes to distinct elements of a Swift array are not allowed.
final class ThreadSlots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Value>
    let count: Int

    init(count: Int, initial: Value) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: initial, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func set(_ k: Int, _ value: Value) { slots[k] = value }
    func value(_ k: Int) -> Value { slots[k] }
    var values: [Value] { (0..<count).map { slots[$0] } }
}
