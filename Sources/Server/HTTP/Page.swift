/// One page of a list: `next` is the `after` value of the following page, `null` on the last one.
struct Page<Item>: Sendable where Item: Sendable {
    var items: [Item]
    let next: Int64?

    func map<T>(_ transform: (Item) throws -> T) rethrows -> Page<T> {
        Page<T>(items: try items.map(transform), next: next)
    }
}

extension Page: Encodable where Item: Encodable {
    private enum CodingKeys: String, CodingKey { case items, next }

    /// `next` is always present: `null` on the last page, as the API description says.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(next, forKey: .next)
    }
}
