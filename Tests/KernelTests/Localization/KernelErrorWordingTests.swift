import Kernel
import Testing

/// The kernel's refusals read in the reader's language on pages and in API problems; in English they are the
/// command line's sentences, word for word.
@Suite struct KernelErrorWordingTests {
    static let (person, series, session, organization) = (
        Person.ID(4), WebinarSeries.ID(2), Session.ID(3), Organization.ID(1)
    )
    static let errors: [KernelError] = [
        .notFound(entity: "series", reference: "testnet/x"), .notFound(entity: "person", reference: "(e-mail)"),
        .invalidField(field: "ends", reason: FieldReason("must be after the start")),
        .duplicateSlug(entity: "series", slug: "intro", parent: "testnet/webinars"), .emailTaken(existing: person),
        .wrongSessionKind(session, kind: .live, expected: "an offline exercise"),
        .wrongSessionKind(session, kind: .offlineExercise, expected: "a live or feedback session"),
        .sessionCancelled(session),
        .notInSeries(person, series), .notEnrolled(person, series), .pluginNotInstalled("feeds"),
        .pluginDependencyNotEnabled("certificates", missing: ["retention"], organization: organization),
        .pluginRequiredBy("retention", dependents: ["certificates"], organization: organization),
        .pluginDisabled("feeds", organization: organization),
    ]

    @Test("English is the description; French and Arabic are translations that keep the ids")
    func worded() throws {
        let translations = try Translations.kernelAndPlugins([])
        for error in Self.errors {
            #expect(error.worded(.english) == error.description)
            for language in [Language.french, .arabic] {
                let text = error.worded(translations.localizer(for: language))
                #expect(text != error.description, "\(error) in \(language)")
                #expect(!text.contains("{"), "\(error) in \(language): \(text)")
            }
        }
        let french = translations.localizer(for: .french)
        #expect(
            KernelError.notEnrolled(Self.person, Self.series).worded(french)
                == "La personne 4 n’est pas inscrite à la série 2 ; inscrivez-la d’abord.")
    }
}
