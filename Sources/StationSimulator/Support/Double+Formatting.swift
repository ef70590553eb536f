extension Double {
    /// One decimal, without a trailing `.0`; very large or non-finite numbers as Swift prints them.
    var formatted1: String {
        let rounded = (self * 10).rounded() / 10
        guard rounded.isFinite, abs(rounded) < 1e15 else { return String(self) }
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
    }
}
