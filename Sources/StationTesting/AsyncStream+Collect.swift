extension AsyncStream where Element: Sendable {
    /// The first `count` elements, or fewer if the stream ends or `timeout` of wall time passes first.
    ///
    /// The timeout only bounds a test that would otherwise hang. The stream cannot be iterated again afterwards.
    public func collect(_ count: Int, within timeout: Duration) async -> [Element] {
        guard count > 0 else { return [] }
        return await withTaskGroup(of: [Element]?.self) { group in
            group.addTask {
                var collected: [Element] = []
                for await element in self {
                    collected.append(element)
                    if collected.count == count { break }
                }
                return collected
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            var collected: [Element] = []
            for await result in group {
                group.cancelAll()
                if let result { collected = result }
            }
            return collected
        }
    }
}
