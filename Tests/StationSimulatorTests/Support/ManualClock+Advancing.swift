import StationTesting

extension ManualClock {
    /// Advances by `step` until `condition` holds, giving real I/O a moment after each step; false after `attempts`.
    ///
    /// For when a task must be asleep on the clock before time moves but the test cannot know it is.
    func advance(by step: Duration, until condition: () async -> Bool, attempts: Int = 200) async throws -> Bool {
        for _ in 0..<attempts {
            if await condition() { return true }
            advance(by: step)
            if try await eventually(timeout: .milliseconds(50), condition) { return true }
        }
        return await condition()
    }
}
