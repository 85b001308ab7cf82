import Foundation
import KernelTesting
import Testing

@Suite("indaba report")
struct ReportCommandTests {
    @Test("the seed series' report has its overview, sessions, participation and the enabled plugins' sections")
    func markdown() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        let plain = try indaba.run("report", "asknet/webinars/inclusive-spaces")
        #expect(plain.status == 0, "\(plain.stderr)")
        for expected in [
            "# Creating Inclusive Spaces for Women in Tech and Media: series report", "## Overview",
            "from 21 June 2023 to 30 June 2023, in 4 sessions. 60 people enrolled.", "## Objectives",
            "### 1. Introduction", "Times are in Central Africa Time (Africa/Harare).",
            "Wed 21 Jun 2023, 14:00–15:00, live session, 60 minutes.",
            "Facilitation: Kudzai M. Mubaiwa (facilitator)", "## Participation",
            "60 enrolled; 26 completed every session (43%).",
        ] {
            #expect(plain.stdout.contains(expected), "missing: \(expected)")
        }
        #expect(!plain.stdout.contains("## Retention"))
        #expect(try indaba.run("plugin", "enable", "retention", "--org", "asknet").status == 0)
        let withRetention = try indaba.run("report", "asknet/webinars/inclusive-spaces")
        #expect(withRetention.stdout.contains("## Retention"))
        #expect(withRetention.stdout.contains("| Attended 1. Introduction | 50 | 83.3% | 10 |"))
    }

    @Test("--language ar writes the report in Arabic, right to left; an unknown code is refused by name")
    func language() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        #expect(try indaba.run("plugin", "enable", "retention", "--org", "asknet").status == 0)
        let arabic = try indaba.run("report", "asknet/webinars/inclusive-spaces", "--language", "ar")
        #expect(arabic.status == 0, "\(arabic.stderr)")
        #expect(arabic.stdout.contains("## نظرة عامة"))
        #expect(arabic.stdout.contains("## الاستبقاء"))
        #expect(arabic.stdout.contains("سجّل"))
        #expect(!arabic.stdout.contains("## Overview"))
        let page = try indaba.run("report", "asknet/webinars/inclusive-spaces", "--format", "html", "--language", "ar")
        #expect(page.stdout.hasPrefix("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"))
        #expect(page.stdout.contains("text-align:start"))
        let french = try indaba.run("report", "asknet/webinars/inclusive-spaces", "--language", "fr-SN")
        #expect(french.stdout.contains("## Vue d’ensemble"))
        let unknown = try indaba.run("report", "asknet/webinars/inclusive-spaces", "--language", "xx")
        #expect(unknown.status != 0)
        #expect(
            unknown.stderr.contains("--language 'xx' is not a language Indaba ships; use one of en, fr, pt, ar, sw."))
        #expect(unknown.stdout.isEmpty)
    }

    @Test("--format html writes one well-formed page with a single h1")
    func html() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        let page = try indaba.run("report", "asknet/webinars/inclusive-spaces", "--format", "html")
        #expect(page.status == 0, "\(page.stderr)")
        #expect(page.stdout.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">"))
        #expect(page.stdout.components(separatedBy: "<h1>").count == 2)
        #expect(page.stdout.contains("women&#39;s participation"))
        let unknown = try indaba.run("report", "asknet/webinars/nope")
        #expect(unknown.status != 0)
    }
}
