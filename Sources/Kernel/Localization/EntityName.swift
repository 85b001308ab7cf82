/// The name of a kind of record as refusals name it ("No series with id 9 exists here"), in a reader's language.
///
/// Errors carry the kernel's own word (`series`, `org`, `person`); surfaces word it with ``worded(_:_:)`` when they
/// put it into a translated sentence. A plugin's word (a certificate, a review item) is looked up in every
/// catalogue as it is, so a plugin that lists it among its messages has it translated too.
public enum EntityName {
    public static func worded(_ entity: String, _ t: Localizer) -> String {
        switch entity {
        case "series": t("series")
        case "org", "organization": t("organization")
        case "programme": t("programme")
        case "session": t("session")
        case "person": t("person")
        case "enrolment": t("enrolment")
        case "token": t("API token")
        case "plugin": t("plugin")
        case "logo": t("logo")
        default: t.callAsFunction(entity)
        }
    }
}
