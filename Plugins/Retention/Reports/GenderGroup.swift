import Foundation

/// The groups reports count self-described genders in. A person's own words are never shown; only group counts
/// of at least the organization's minimum group size are.
enum GenderGroup: String, Codable, Sendable, CaseIterable {
    case women, men, anotherGender, notStated

    var label: String {
        switch self {
        case .women: "Women"
        case .men: "Men"
        case .anotherGender: "Another gender"
        case .notStated: "Not stated"
        }
    }

    /// The group of a stored self-description (nil: none given, or no consent).
    init(selfDescribed gender: String?) {
        guard let gender else {
            self = .notStated
            return
        }
        let folded = gender.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            .replacingOccurrences(of: "_", with: " ")
        if Self.womenTerms.contains(folded) {
            self = .women
        } else if Self.menTerms.contains(folded) {
            self = .men
        } else if folded.isEmpty || Self.undisclosed.contains(folded) {
            self = .notStated
        } else {
            self = .anotherGender
        }
    }

    private static let womenTerms: Set<String> = [
        "woman", "women", "female", "f", "girl", "cis woman", "cisgender woman", "trans woman", "transgender woman",
        "femme", "femmes", "mulher", "mwanamke", "mujer", "امرأة", "ሴት",
    ]
    private static let menTerms: Set<String> = [
        "man", "men", "male", "m", "boy", "cis man", "cisgender man", "trans man", "transgender man", "homme",
        "homem", "mwanaume", "hombre", "رجل", "ወንድ",
    ]
    private static let undisclosed: Set<String> = [
        "unknown", "undisclosed", "prefer not to say", "rather not say", "not stated", "n/a", "-",
    ]
}
