/// Where each of the system's indicators finds its result in a unit's results,
/// by the indicator's place in the system (pre-order, as `allIndicators` lists
/// them), and which results name an indicator the system has.
///
/// Made once for an evaluation from its first unit and taken by every unit whose
/// results list the same indicators in the same order, as a results table written
/// unit by unit does: those units are looked at by comparing their ids in order,
/// not by hashing each id into a dictionary of their own and looking up every
/// indicator there three times (validation, result, shared indicator), which was
/// most of the lookups of a build.
struct ResultLayout: Sendable {
    /// The results' indicator ids in their order.
    private let ids: [String]
    /// By the indicator's place in the system: where its result is (the first,
    /// as `UnitResults.positions` has it), or -1.
    let rows: [Int]
    /// By result: whether the system has its indicator.
    let known: [Bool]
    /// The system's ids in pre-order, and its indicators by id: what another
    /// unit's results are laid out against.
    private let systemIDs: [String]
    private let indicators: [String: SharedIndicator]

    /// `systemIDs`: the system's indicator ids in pre-order; `indicators`: its indicators by id.
    init(_ results: UnitResults, systemIDs: [String], indicators: [String: SharedIndicator]) {
        ids = results.scores.map(\.indicatorID)
        let positions = results.positions
        rows = systemIDs.map { positions[$0] ?? -1 }
        known = ids.map { indicators[$0] != nil }
        self.systemIDs = systemIDs
        self.indicators = indicators
    }

    /// This layout when `results` lists the same ids in the same order, else theirs.
    func layout(of results: UnitResults) -> ResultLayout {
        guard results.scores.count == ids.count else { return ResultLayout(results, systemIDs: systemIDs, indicators: indicators) }
        // By index, reading only the id (a copy of a result retains every field).
        for index in ids.indices where results.scores[index].indicatorID != ids[index] {
            return ResultLayout(results, systemIDs: systemIDs, indicators: indicators)
        }
        return self
    }
}
