import Foundation
import Kernel
import KernelTesting
import PluginKit
import Testing

@testable import CaseStudies

/// The hand-written JSON of `GET studies` (a search's hits, a list by title) is byte for byte what
/// `JSONEncoder.stable()` writes for the same answer.
@Suite struct StudiesAnswerJSONTests {
    static let pieces = [
        "a", "word", " ", "é", "Ọ̀yọ́", "النساء", "ትምህርት", "👩🏾‍💻", "\"", "\\", "/", "</mark>", "<mark>", "&amp;", "\u{0}",
        "\u{1}", "\u{8}", "\u{9}", "\u{A}", "\u{C}", "\u{D}", "\u{1B}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{FEFF}",
    ]

    static func text(_ generator: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    static func hit(_ generator: inout SeededGenerator) -> SearchHitView {
        let scores: [Double] = [0, -0.0, 1, -1, 0.5, -1e-6, -0.000001, 1e-7, -123456.789012, 12_345_678_901]
        let score =
            Bool.random(using: &generator)
            ? scores.randomElement(using: &generator)!
            : (Double.random(in: -40...0, using: &generator) * 1_000_000).rounded() / 1_000_000
        return SearchHitView(
            study: summary(&generator), score: score, titleHTML: text(&generator), snippetHTML: text(&generator))
    }

    static func summary(_ generator: inout SeededGenerator) -> StudySummaryView {
        // From 1950 to 2100, with fractions of a second.
        let date = Date(timeIntervalSince1970: Double.random(in: -631_152_000...4_102_444_800, using: &generator))
        let study = CaseStudy(
            id: CaseStudy.ID(Int64.random(in: 1...Int64.max, using: &generator)),
            organizationId: .init(Int64.random(in: 1...1_000, using: &generator)), networkId: .init(1),
            slug: text(&generator), title: text(&generator), summary: text(&generator), body: "",
            origin: .allCases.randomElement(using: &generator)!, country: text(&generator), sector: text(&generator),
            topics: (0..<Int.random(in: 0...3, using: &generator)).map { _ in text(&generator) }, outcomes: [],
            links: [], licence: "", consent: .allCases.randomElement(using: &generator)!,
            visibility: .allCases.randomElement(using: &generator)!,
            version: Int.random(in: 1...10_000, using: &generator), createdAt: date, updatedAt: date)
        return StudySummaryView(study)
    }

    @Test(
        "a search's hits: the same bytes as JSONEncoder.stable() on 3,000 generated answers (escapes, dates)"
    )
    func sameBytesAsTheEncoder() throws {
        try compare(seed: 20_261_205, Self.hit, StudiesAnswerJSON.encode)
    }

    @Test("a list by title: the same bytes as JSONEncoder.stable() on 3,000 generated lists")
    func listSameBytesAsTheEncoder() throws {
        try compare(seed: 20_261_206, Self.summary, StudiesAnswerJSON.encode)
    }

    /// Answers of up to three generated items, written by hand and by the encoder, until the first difference.
    private func compare<Item: Encodable & Sendable>(
        seed: UInt64, _ item: (inout SeededGenerator) -> Item, _ encode: ([Item]) -> [UInt8]
    ) throws {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<3_000 {
            let items = (0..<Int.random(in: 0...3, using: &generator)).map { _ in item(&generator) }
            let expected = try JSONEncoder.stable().encode(ItemsView(items: items))
            let written = encode(items)
            #expect(
                written == Array(expected),
                "\(String(decoding: written, as: UTF8.self))\n\(String(decoding: expected, as: UTF8.self))")
            if written != Array(expected) { return }
        }
    }
}
