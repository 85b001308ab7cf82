import Foundation
import Kernel
import Testing

/// The kernel's field checks answer with a typed ``FieldProblem``: the same English fragment as before for the
/// command line and the importer, and the whole sentence or the fragment in every shipped language from the
/// kernel's own catalogues.
@Suite("Field problems: typed, English as before, worded in every language")
struct FieldProblemTests {
    static let every: [FieldProblem] = [
        .empty, .tooLong(limit: 4000), .controlCharacter(in: .name), .controlCharacter(in: .text),
        .bidiOverride(in: .name), .bidiOverride(in: .text), .invisibleCharacter, .invalidEmail, .invalidSlug,
        .unknownTimeZone("Mars/Olympus"), .unknownCountry("XX"), .notAWebURL("ftp://example.org"),
    ]

    static func localizer(_ language: Language) throws -> Localizer {
        try Translations.kernelAndPlugins([]).localizer(for: language)
    }

    @Test("each check answers with its case, and the case's English is the fragment it always was")
    func checksKeepTheirEnglish() {
        let answers: [(FieldProblem?, FieldProblem, String)] = [
            (FieldRules.textProblem(" \n"), .empty, "must not be empty"),
            (
                FieldRules.textProblem("abc", limit: 2), .tooLong(limit: 2),
                "is longer than 2 characters; shorten it"
            ),
            (
                FieldRules.nameProblem("Ada\u{1B}[2J"), .controlCharacter(in: .name),
                "contains a control character (such as a new line or an escape); type the name again"
            ),
            (
                FieldRules.nameProblem("Ada\u{202E}"), .bidiOverride(in: .name),
                "contains a bidirectional override (U+202A–U+202E, U+2066–U+2069); type the name again"
            ),
            (
                Session.descriptionProblem("a\u{7}b"), .controlCharacter(in: .text),
                "contains a control character other than a new line or a tab; type the text again"
            ),
            (
                ReportSettings.methodologyProblem("a\u{2066}b"), .bidiOverride(in: .text),
                "contains a bidirectional override (U+202A–U+202E, U+2066–U+2069); type the text again"
            ),
            (
                Session.descriptionProblem(String(repeating: "a", count: 4001)), .tooLong(limit: 4000),
                "is longer than 4000 characters; shorten it"
            ),
            (
                FieldRules.emailProblem("a\u{200B}@example.org"), .invisibleCharacter,
                "contains an invisible or control character; type the address again by hand"
            ),
            (
                FieldRules.emailProblem("not-an-address"), .invalidEmail,
                "is not a valid e-mail address; write it as name@example.org"
            ),
            (
                Slug.problem("Not A Slug"), .invalidSlug,
                "is not a valid slug; use 1-63 lowercase letters, digits and single hyphens, such as inclusive-spaces"
            ),
            (
                FieldRules.timeZoneProblem("Mars/Olympus"), .unknownTimeZone("Mars/Olympus"),
                "'Mars/Olympus' is not an IANA time zone; use a name such as Africa/Harare or Africa/Lagos"
            ),
            (
                FieldRules.countryProblem("XX"), .unknownCountry("XX"),
                "'XX' is not an ISO 3166-1 alpha-2 country code; use two capital letters such as ZW, NG or KE"
            ),
            (
                FieldRules.webURLProblem("javascript:alert(1)"), .notAWebURL("javascript:alert(1)"),
                "'javascript:alert(1)' is not an absolute http(s) URL; write it as https://example.org/path"
            ),
        ]
        for (answer, expected, english) in answers {
            #expect(answer == expected)
            #expect(answer?.description == english)
            #expect("\(expected)" == english)
            #expect(expected.detail(.english) == english)
        }
        #expect(Slug.problem("inclusive-spaces") == nil)
    }

    @Test("a whole sentence about the field, in English as the staff forms wrote it")
    func englishSentences() {
        let t = Localizer.english
        #expect(FieldProblem.empty.sentence(subject: "The title", t) == "The title must not be empty.")
        #expect(
            FieldProblem.tooLong(limit: 4000).sentence(subject: "The methodology", t)
                == "The methodology is longer than 4,000 characters; shorten it.")
        #expect(
            FieldProblem.invalidSlug.sentence(subject: "The short name", t)
                == "The short name must use 1-63 lowercase letters, digits and single hyphens, such as "
                + "inclusive-spaces.")
        #expect(
            FieldProblem.unknownCountry("XX").sentence(subject: "The country", t)
                == "The country 'XX' is not an ISO 3166-1 alpha-2 country code; use two capital letters such as ZW, "
                + "NG or KE.")
    }

    @Test("French, Portuguese, Arabic and Swahili from the kernel's catalogues")
    func translated() throws {
        let french = try Self.localizer(.french)
        #expect(
            FieldProblem.empty.sentence(subject: "Le titre", french) == "Le titre : ce champ ne doit pas être vide.")
        #expect(FieldProblem.empty.detail(french) == "ce champ ne doit pas être vide")
        #expect(
            FieldProblem.tooLong(limit: 4000).detail(french)
                == "plus de 4\u{202F}000 caractères ; raccourcissez le texte")
        #expect(
            FieldProblem.unknownTimeZone("Mars/Olympus").detail(french)
                == "« Mars/Olympus » n’est pas un fuseau horaire IANA ; utilisez un nom comme Africa/Harare ou "
                + "Africa/Lagos")
        let arabic = try Self.localizer(.arabic)
        #expect(
            FieldProblem.invalidEmail.detail(arabic) == "ليس عنوان بريد إلكتروني صالحًا؛ اكتبه بالشكل name@example.org")
        for language in Language.shipped where language != .english {
            let t = try Self.localizer(language)
            for problem in Self.every {
                #expect(problem.detail(t) != problem.description, "\(language.code): \(problem)")
                #expect(
                    problem.sentence(subject: "X", t) != problem.sentence(subject: "X", .english),
                    "\(language.code): \(problem)")
            }
        }
    }
}
