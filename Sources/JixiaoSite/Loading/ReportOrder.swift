import JixiaoCore

extension Diagnostic {
    /// Errors first, then by file and line: the order an author fixes things in.
    /// Those at the same place by message, then hint: an order on what they say,
    /// not on when they were found, so that warnings sorted apart and then merged
    /// (those of evaluations carried over in their records, see BuildWarnings)
    /// come in the order they would have sorted together.
    static func reportOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.severity != b.severity { return a.severity < b.severity }
        if a.location != b.location { return a.location < b.location }
        return sayingOrder(a, b) ?? false
    }

    /// By message, then hint (none first); nil when both say the same.
    fileprivate static func sayingOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool? {
        if a.message != b.message { return a.message < b.message }
        if a.hint == b.hint { return nil }
        guard let hintA = a.hint, let hintB = b.hint else { return a.hint == nil }
        return hintA < hintB
    }
}

extension [Diagnostic] {
    /// Sorted by `Diagnostic.reportOrder`, keeping the order of equals (see `sortForReport`).
    func sortedForReport() -> [Diagnostic] {
        var sorted = self
        sorted.sortForReport()
        return sorted
    }

    /// Sorts by `Diagnostic.reportOrder`, keeping the order of equals (which say
    /// the same). A large site has tens of thousands of warnings in a few files,
    /// mostly in order already: each file's name is compared once, the diagnostics
    /// are sorted by small keys (not moved whole at every step of the sort; their
    /// texts compared only at the same place), and left as they are when in order.
    mutating func sortForReport() {
        guard count > 1 else { return }
        // Each file's place among the files, through the distinct names in order of appearance.
        var fileIDs: [String: Int32] = [:]
        var names: [String] = []
        var lastName: String?, lastID: Int32 = 0
        var ids: [Int32] = []
        ids.reserveCapacity(count)
        for diagnostic in self {
            let file = diagnostic.location.file
            if file != lastName {
                if let known = fileIDs[file] {
                    lastID = known
                } else {
                    lastID = Int32(names.count)
                    fileIDs[file] = lastID
                    names.append(file)
                }
                lastName = file
            }
            ids.append(lastID)
        }
        // Thousands of self-reports' names, mostly met in order: sorted only if they are not.
        var ranks = names.indices.map { Int32($0) }
        if !zip(names, names.dropFirst()).allSatisfy({ $0 < $1 }) {
            for (rank, id) in names.indices.sorted(by: { names[$0] < names[$1] }).enumerated() { ranks[id] = Int32(rank) }
        }

        let keys = indices.map { index in
            let location = self[index].location
            return DiagnosticOrderKey(severity: self[index].severity == .error ? 0 : 1, file: ranks[Int(ids[index])],
                                      line: location.line, column: location.column, index: index)
        }
        func before(_ a: DiagnosticOrderKey, _ b: DiagnosticOrderKey) -> Bool {
            if !a.samePlace(as: b) { return a.placeBefore(b) }
            return Diagnostic.sayingOrder(self[a.index], self[b.index]) ?? (a.index < b.index)
        }
        if zip(keys, keys.dropFirst()).allSatisfy({ before($0, $1) }) { return }
        let order = keys.sorted(by: before)
        // Moved into place along the order's cycles rather than copied into a new
        // array: a copy retains each warning's texts, and the old array's release
        // lets go of them again, tens of thousands of times.
        var placed = [Bool](repeating: false, count: count)
        withUnsafeMutableBufferPointer { buffer in
            for start in buffer.indices where !placed[start] {
                var position = start
                placed[position] = true
                while order[position].index != start {
                    let source = order[position].index
                    buffer.swapAt(position, source)
                    position = source
                    placed[position] = true
                }
            }
        }
    }
}

/// Where a diagnostic goes in `sortForReport`: plain numbers for its place, and its index.
private struct DiagnosticOrderKey {
    var severity: Int32, file: Int32, line: Int, column: Int, index: Int

    func samePlace(as other: Self) -> Bool {
        (severity, file, line, column) == (other.severity, other.file, other.line, other.column)
    }

    func placeBefore(_ other: Self) -> Bool {
        (severity, file, line, column) < (other.severity, other.file, other.line, other.column)
    }
}
