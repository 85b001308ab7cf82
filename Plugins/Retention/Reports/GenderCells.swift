import Foundation

/// Which gender figures of one series a breakdown shows: the one rule behind every gender figure of this plugin.
///
/// A series' report shows them (and its CSV, SVG, dashboard and API), and the organization and network funnels add
/// up only what the series' reports show (``NetworkFunnel``), so whatever a reader combines, they hold nothing finer
/// than the series' reports give one by one.
///
/// Per step (enrolment first, then each step of the series), the ``Suppression`` rule over the four groups; where it
/// hides women's figure but the coarser breakdown women / everyone else, under the same rule, shows both of its
/// figures, the step shows women and everyone else together and hides the other groups' own cells. A step's result
/// depends only on its own counts and the enrolment, so any subset of steps gets the same answer as the whole report.
struct GenderCells: Equatable, Sendable {
    /// Per step, per ``GenderGroup`` (in `allCases` order): the figure, or nil where hidden.
    let cells: [[Int?]]
    /// Per step: everyone but the women, where the step falls back to women / everyone else; nil elsewhere.
    let everyoneElse: [Int?]

    /// - Parameters:
    ///   - counts: Per step, people per ``GenderGroup`` (in `allCases` order); step 0 is the enrolment, and every
    ///     other step is a part of it.
    ///   - k: The smallest group shown (``RetentionSettings/minimumGroupSize``).
    init(counts: [[Int]], k: Int) {
        let suppression = Suppression(k: k)
        let full = suppression.apply(enrolled: counts[0], steps: Array(counts.dropFirst()))
        let womenIndex = GenderGroup.allCases.firstIndex(of: .women)!
        let coarseCounts = counts.map { row in
            [row[womenIndex], row.indices.filter { $0 != womenIndex }.map { row[$0] }.reduce(0, +)]
        }
        let coarse = suppression.apply(enrolled: coarseCounts[0], steps: Array(coarseCounts.dropFirst()))
        let coarseCells = [coarse.enrolled] + coarse.steps
        var cells = [full.enrolled] + full.steps
        var everyoneElse: [Int?] = cells.map { _ in nil }
        for step in cells.indices where cells[step][womenIndex] == nil {
            guard let women = coarseCells[step][0], let others = coarseCells[step][1] else { continue }
            cells[step] = cells[step].indices.map { $0 == womenIndex ? women : nil }
            everyoneElse[step] = others
        }
        self.cells = cells
        self.everyoneElse = everyoneElse
    }
}
