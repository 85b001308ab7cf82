/// A reader who collects every answer and works out what they imply about the hidden counts.
///
/// Unknowns are non-negative integer counts. The reader knows linear relations: equalities (published figures, sums,
/// complements) and inequalities (bounds, "completed" within "attended"). It derives, for each unknown, the tightest
/// interval it can by two means applied together: the differences of nested published sums (a network total minus
/// an organization's, an organization's minus a series': for two equalities over sets A ⊂ B, the sum over B \ A is
/// known), repeated until no new one appears, and bounds propagation to a fixpoint (each relation narrows every
/// unknown in it from the others' bounds, with integer rounding). Both are sound: the true counts always stay within
/// the intervals, which the tests check too.
struct CountAdversary {
    private(set) var variableCount = 0
    /// Each relation is `sum(coefficients * unknowns) <= bound`; an equality is stored as two.
    private var terms: [[(variable: Int, coefficient: Int)]] = []
    private var bounds: [Int] = []
    /// Equalities whose coefficients are all 1, for the differences of nested sums.
    private var sums: [(variables: Set<Int>, total: Int)] = []

    mutating func unknown() -> Int {
        variableCount += 1
        return variableCount - 1
    }

    mutating func equal(_ terms: [(Int, Int)], _ value: Int) {
        lessOrEqual(terms, value)
        lessOrEqual(terms.map { ($0.0, -$0.1) }, -value)
        if terms.allSatisfy({ $0.1 == 1 }), terms.count > 1 { sums.append((Set(terms.map(\.0)), value)) }
    }

    mutating func sum(_ variables: [Int], is value: Int) { equal(variables.map { ($0, 1) }, value) }

    mutating func lessOrEqual(_ terms: [(Int, Int)], _ value: Int) {
        self.terms.append(terms.map { (variable: $0.0, coefficient: $0.1) })
        bounds.append(value)
    }

    /// The interval of every unknown.
    mutating func solve() -> (low: [Int], high: [Int]) {
        closeNestedSums()
        let infinity = Int.max / 4
        var low = Array(repeating: 0, count: variableCount)
        var high = Array(repeating: infinity, count: variableCount)
        var changed = true
        var rounds = 0
        while changed, rounds < 500 {
            changed = false
            rounds += 1
            for (relation, bound) in zip(terms, bounds) {
                // The least the relation's left side can be, leaving out terms that can fall without limit.
                var leastBounded = 0
                var unboundedCount = 0
                var unbounded = -1
                for (variable, coefficient) in relation {
                    if coefficient > 0 {
                        leastBounded += coefficient * low[variable]
                    } else if high[variable] == infinity {
                        unboundedCount += 1
                        unbounded = variable
                    } else {
                        leastBounded += coefficient * high[variable]
                    }
                }
                if unboundedCount > 1 { continue }
                for (variable, coefficient) in relation {
                    if unboundedCount == 1, variable != unbounded { continue }
                    let own =
                        coefficient > 0
                        ? coefficient * low[variable] : variable == unbounded ? 0 : coefficient * high[variable]
                    let limit = bound - (leastBounded - own)
                    if coefficient > 0 {
                        let upper = floorDiv(limit, coefficient)
                        if upper < high[variable] {
                            high[variable] = upper
                            changed = true
                        }
                    } else {
                        let lower = -floorDiv(-limit, coefficient)
                        if lower > low[variable] {
                            low[variable] = lower
                            changed = true
                        }
                    }
                }
            }
        }
        return (low, high)
    }

    /// Adds the difference of every two published sums over nested sets of unknowns, until none is new.
    private mutating func closeNestedSums() {
        var known = Set(sums.map { SumKey(variables: $0.variables, total: $0.total) })
        var frontier = sums
        for _ in 0..<3 {
            var found: [(variables: Set<Int>, total: Int)] = []
            for small in frontier {
                for large in sums where large.variables.count > small.variables.count {
                    guard small.variables.isStrictSubset(of: large.variables) else { continue }
                    let difference = (
                        variables: large.variables.subtracting(small.variables),
                        total: large.total - small.total
                    )
                    if known.insert(SumKey(variables: difference.variables, total: difference.total)).inserted {
                        found.append(difference)
                    }
                }
            }
            if found.isEmpty { return }
            for difference in found {
                equal(difference.variables.sorted().map { ($0, 1) }, difference.total)
            }
            frontier = found
        }
    }

    private struct SumKey: Hashable {
        let variables: Set<Int>
        let total: Int
    }

    /// `a / b` rounded down, for any signs.
    private func floorDiv(_ a: Int, _ b: Int) -> Int {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }
}
