import Foundation

/// Hides small groups so that nobody's self-description can be inferred from a breakdown, by difference included.
///
/// A breakdown splits the enrolled into groups (by gender, or by channel) and shows, for each step, how many of
/// each group reached it. Published with it are the group's enrolment and the step's total, so three kinds of
/// figure can be read or derived: a group's count at a step (`x`), the group's count who did not reach it
/// (`enrolled - x`), and the same two for the union of the hidden groups (from the totals). Every one of them must
/// be at least `k`, or hidden. Zero counts are hidden too: "no woman came" tells something about every attendee.
///
/// The rule, per step: hide a group whose enrolment is hidden, or whose `x` or `enrolled - x` is under `k`; then, as
/// long as the hidden groups together reached or missed the step in fewer than `k` cases, hide the shown group with
/// the smallest figure too. Enrolment is handled the same way against the overall total.
struct Suppression {
    let k: Int

    /// - Parameters:
    ///   - enrolled: Enrolled people per group.
    ///   - steps: For each step, the people per group who reached it.
    /// - Returns: The same shape, with hidden figures as nil.
    func apply(enrolled: [Int], steps: [[Int]]) -> (enrolled: [Int?], steps: [[Int?]]) {
        let groups = enrolled.indices
        var hiddenEnrolment = Set(groups.filter { enrolled[$0] < k })
        widen(&hiddenEnrolment, groups: groups, figures: { [enrolled[$0]] })
        let shownEnrolment = groups.map { hiddenEnrolment.contains($0) ? nil : enrolled[$0] }
        let shownSteps = steps.map { reached -> [Int?] in
            var hidden = hiddenEnrolment.union(groups.filter { reached[$0] < k || enrolled[$0] - reached[$0] < k })
            widen(&hidden, groups: groups, figures: { [reached[$0], enrolled[$0] - reached[$0]] })
            return groups.map { hidden.contains($0) ? nil : reached[$0] }
        }
        return (shownEnrolment, shownSteps)
    }

    /// Hides more groups until the hidden ones, together, are at least `k` in each figure (or all are hidden).
    private func widen(_ hidden: inout Set<Int>, groups: Range<Int>, figures: (Int) -> [Int]) {
        while !hidden.isEmpty, hidden.count < groups.count {
            let sums = hidden.map(figures).reduce(into: [Int]()) { sums, values in
                if sums.isEmpty { sums = values } else { sums = zip(sums, values).map(+) }
            }
            guard sums.contains(where: { $0 < k }) else { return }
            let next = groups.filter { !hidden.contains($0) }.min { figures($0).min()! < figures($1).min()! }!
            hidden.insert(next)
        }
    }
}
