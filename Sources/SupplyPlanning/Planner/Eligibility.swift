/// Which suppliers may supply which group: those whose contract covers the group, in the plan's currency.
/// The same for every window, so worked out once per plan.
struct Eligibility {
    /// Per group, per supplier: may it supply the group.
    let covers: [[Bool]]
    /// Per group, how many suppliers may.
    let candidateCount: [Int]
    /// Per group, the suppliers whose contract covers it but in another currency, as reasons.
    let skipped: [[String]]

    init(groups: [StationGroup], suppliers: [SupplierOffer], currency: String) {
        var covers: [[Bool]] = []
        var skipped: [[String]] = []
        covers.reserveCapacity(groups.count)
        let byID = suppliers.indices.sorted { (suppliers[$0].id, $0) < (suppliers[$1].id, $1) }
        for group in groups {
            var row: [Bool] = []
            row.reserveCapacity(suppliers.count)
            for supplier in suppliers {
                row.append(supplier.currency == currency && supplier.groups.contains(group.id))
            }
            var reasons: [String] = []
            for supplier in byID.lazy.map({ suppliers[$0] }) where supplier.currency != currency && supplier.groups.contains(group.id) {
                reasons.append("\(supplier.id) skipped: its contract is in \(supplier.currency), the plan in \(currency)")
            }
            covers.append(row)
            skipped.append(reasons)
        }
        self.covers = covers
        self.skipped = skipped
        candidateCount = covers.map { $0.reduce(0) { $0 + ($1 ? 1 : 0) } }
    }
}
