/// One page of a list: `next` is the `after` value of the following page, `null` on the last one.
struct Page<Item>: Sendable where Item: Sendable {
    var items: [Item]
    let next: Int64?

    func map<T>(_ transform: (Item) throws -> T) rethrows -> Page<T> {
        Page<T>(items: try items.map(transform), next: next)
    }
}

extension Page: Encodable where Item: Encodable {}
