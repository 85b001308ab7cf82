import Foundation
import Kernel

/// The groups reports count self-described genders in. A person's own words are never shown; only group counts
/// of at least the organization's minimum group size are.
///
/// A self-description is first normalised (``GenderGroup/normalize(_:)``: case, diacritics, punctuation and
/// spacing ignored, a leading article or "I am" dropped), then looked up in the organization's own mapping (the
/// `genderGroups` setting, which an administrator reviews on the gender groups page), then in the built-in words of
/// the network's languages (English, French, Portuguese, Arabic, Swahili, and a few more); anything else is
/// *another gender*. People's own words are never changed.
enum GenderGroup: String, Codable, Sendable, CaseIterable {
    case women, men, anotherGender, notStated

    /// The group's name in English, as files and the API give it.
    var label: String { label(in: .english) }

    /// The group's name in `t`'s language, as pages and reports show it.
    func label(in t: Localizer) -> String {
        switch self {
        case .women: t("Women")
        case .men: t("Men")
        case .anotherGender: t("Another gender")
        case .notStated: t("Not stated")
        }
    }

    /// The group of a stored self-description (nil: none given, or no consent), under the organization's mapping
    /// of normalised self-descriptions to groups.
    init(selfDescribed gender: String?, mapping: [String: GenderGroup] = [:]) {
        guard let gender else {
            self = .notStated
            return
        }
        let term = Self.normalize(gender)
        if let chosen = mapping[term] {
            self = chosen
        } else if let known = Self.builtIn[term] {
            self = known
        } else {
            self = term.isEmpty ? .notStated : .anotherGender
        }
    }

    /// The group the built-in words give a normalised term, if any (what an organization's mapping overrides).
    static func builtIn(_ term: String) -> GenderGroup? { builtIn[term] }

    /// A self-description reduced to what decides its group: lower case, without diacritics, punctuation or
    /// repeated spaces, and without a leading article or "I am" (`"Une femme."` and `femme` are one term).
    static func normalize(_ text: String) -> String {
        let folded = text.folding(
            options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en"))
        var words = folded.unicodeScalars
            .map { CharacterSet.letters.contains($0) || CharacterSet.decimalDigits.contains($0) ? Character($0) : " " }
            .split(separator: " ").map { String($0) }
        while words.count > 1, let first = words.first, fillers.contains(first) {
            words.removeFirst()
        }
        // Arabic writes the article joined to the word: الأنثى is أنثى.
        return words.map { $0.count > 3 && $0.hasPrefix("ال") ? String($0.dropFirst(2)) : $0 }
            .joined(separator: " ")
    }

    /// Words that may come before the term itself: articles and "I am" in the network's languages.
    private static let fillers: Set<String> = [
        "a", "an", "the", "i", "im", "am", "une", "un", "la", "le", "je", "suis", "uma", "um", "eu", "sou", "mimi",
        "ni", "ana", "انا",
    ]

    private static let builtIn: [String: GenderGroup] = {
        var terms: [String: GenderGroup] = [:]
        for word in womenTerms { terms[normalize(word)] = .women }
        for word in menTerms { terms[normalize(word)] = .men }
        for word in undisclosed { terms[normalize(word)] = .notStated }
        return terms
    }()

    private static let womenTerms = [
        // English
        "woman", "women", "female", "f", "girl", "lady", "cis woman", "cisgender woman", "trans woman",
        "transgender woman",
        // French
        "femme", "femmes", "fille", "féminin", "féminine", "feminin", "feminine",
        // Portuguese and Spanish
        "mulher", "mulheres", "feminino", "feminina", "menina", "mujer",
        // Swahili
        "mwanamke", "wanawake", "msichana", "kike",
        // Arabic
        "امرأة", "امراه", "مرأة", "أنثى", "انثى", "نساء", "سيدة", "بنت",
        // Amharic
        "ሴት",
    ]

    private static let menTerms = [
        "man", "men", "male", "m", "boy", "cis man", "cisgender man", "trans man", "transgender man",
        "homme", "hommes", "garçon", "masculin",
        "homem", "homens", "masculino", "rapaz", "hombre",
        "mwanaume", "mwanamume", "wanaume", "mvulana", "kiume",
        "رجل", "ذكر", "رجال",
        "ወንድ",
    ]

    private static let undisclosed = [
        "unknown", "undisclosed", "prefer not to say", "rather not say", "not stated", "n/a", "-", "none",
        "je préfère ne pas répondre", "préfère ne pas répondre", "prefiro não dizer", "prefiro não responder",
        "sipendi kusema", "sitaki kusema", "أفضل عدم القول",
    ]
}
