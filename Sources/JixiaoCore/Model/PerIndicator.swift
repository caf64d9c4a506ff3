/// What a table makes of an indicator once and writes on every unit's row of it
/// (its encoded id and name, its cells among shared texts), kept by the indicator's
/// place in its system rather than in a dictionary keyed by its id: a download of
/// 10,000 units looks it up 400,000 times, and hashing the id was most of that.
///
/// Made from one unit's tree (every unit of an evaluation is scored on the same
/// indicators), then only read, so rows can be written on every core. A value is
/// only given for the very indicator it was made from (the one object every unit's
/// score of it shares, see SharedIndicator); for any other score, the caller makes one.
public struct PerIndicator<Value>: @unchecked Sendable {
    // Inlinable, so that it is specialised for each table's value in the module using it.
    @usableFromInline let slots: [(owner: ObjectIdentifier, value: Value)?]

    /// `make` of each indicator in `scores` (a unit's tree).
    @inlinable public init(_ scores: [IndicatorScore], make: (_ scores: [IndicatorScore], _ index: Int) -> Value) {
        var slots: [(owner: ObjectIdentifier, value: Value)?] = []
        scores.forEachInPlace { scores, index in
            let position = scores[index].shared.position
            guard position >= 0 else { return }
            if position >= slots.count { slots.append(contentsOf: repeatElement(nil, count: position + 1 - slots.count)) }
            slots[position] = (ObjectIdentifier(scores[index].shared), make(scores, index))
        }
        self.slots = slots
    }

    /// The value made for `score`'s indicator; nil when it was not among those.
    @inlinable public func value(for score: borrowing IndicatorScore) -> Value? {
        let position = score.shared.position
        guard position >= 0, position < slots.count, let slot = slots[position],
              slot.owner == ObjectIdentifier(score.shared) else { return nil }
        return slot.value
    }
}
