import Kernel

/// Which sessions a feed holds.
enum FeedScope: Hashable, Sendable {
    /// One series (any status but draft).
    case series(WebinarSeries.ID)
    /// Every non-draft series of one organization.
    case organization(Organization.ID)
    /// Every non-draft series of a network and of all its members.
    case network(Organization.ID)
    /// A person's own calendar: the non-draft series they are enrolled in or hold a role in (private).
    case person(Person.ID)
}

extension FeedScope {
    /// Whether the feed shows one series (its entries then need not name the series).
    var isSeries: Bool {
        if case .series = self { return true }
        return false
    }
}
