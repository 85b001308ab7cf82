import Foundation

extension Samples {
    /// A network (`crowd`) of three members whose `series` public series are spread over them (`series-1` … ), each
    /// with two sessions but the first, which has `sessionsInFirst`; every fifth series ran in 2020, the others are
    /// still to come (2030). For tests that pages and lists stay bounded whatever the data.
    public static func crowdedNetwork(series: Int, sessionsInFirst: Int) -> String {
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        var lines = [
            "format: indaba/1", "network:", "  slug: crowd", "  name: Crowded Network", "  country: KE",
            "  timeZone: Africa/Nairobi", "  members:",
        ]
        for member in 1...3 {
            lines += [
                "    - slug: member-\(member)", "      name: Member \(member)", "      country: KE",
                "      timeZone: Africa/Nairobi", "      programmes:", "        - slug: talks",
                "          title: Talks",
                "          series:",
            ]
            for index in stride(from: member, through: series, by: 3) {
                let count = index == 1 ? sessionsInFirst : 2
                lines += [
                    "            - slug: series-\(index)", "              title: Series \(index) of the crowd",
                    "              status: \(index % 4 == 0 ? "completed" : "published")",
                    "              timeZone: Africa/Nairobi", "              summary: A summary of series \(index).",
                    "              sessions:",
                ]
                // Every fifth series ran in 2020; the others are still to come (2030).
                let base: Double = index % 5 == 0 ? 1_577_836_800 : 1_893_456_000
                for session in 0..<count {
                    let start = day.string(
                        from: Date(timeIntervalSince1970: base + Double(index * 86_400 + session * 3_600)))
                    let hour = String(format: "%02d", session % 20)
                    lines += [
                        "                - slug: session-\(session)", "                  title: Session \(session)",
                        "                  kind: live", "                  starts: \(start)T\(hour):00",
                        "                  ends: \(start)T\(hour):45",
                    ]
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
