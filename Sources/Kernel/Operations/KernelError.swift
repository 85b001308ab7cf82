/// A change or lookup the kernel refuses, with what to do about it. Messages carry ids, never personal data.
public enum KernelError: Error, CustomStringConvertible, Equatable {
    case notFound(entity: String, reference: String)
    case invalidField(field: String, reason: FieldReason)
    case duplicateSlug(entity: String, slug: String, parent: String)
    case emailTaken(existing: Person.ID)
    case wrongSessionKind(Session.ID, kind: Session.Kind, expected: String)
    case sessionCancelled(Session.ID)
    case notInSeries(Person.ID, WebinarSeries.ID)
    case notEnrolled(Person.ID, WebinarSeries.ID)
    case pluginNotInstalled(PluginID)
    case pluginDependencyNotEnabled(PluginID, missing: [PluginID], organization: Organization.ID)
    case pluginRequiredBy(PluginID, dependents: [PluginID], organization: Organization.ID)
    case pluginDisabled(PluginID, organization: Organization.ID)

    /// The things `indaba THING list` lists: a "not found" for one of them says how to see the others.
    static let listedByCommand: Set<String> = ["org", "programme", "series", "session", "person", "token"]

    public var description: String {
        switch self {
        case let .notFound(entity, reference):
            reference.hasPrefix("(")
                ? "No \(entity) has that e-mail address; list people with `indaba person list`."
                : Self.listedByCommand.contains(entity)
                    ? "No \(entity) matches '\(reference)'; list them with `indaba \(entity) list`."
                    : "No \(entity) matches '\(reference)'."
        case let .invalidField(field, reason):
            "\(field) \(reason)."
        case let .duplicateSlug(entity, slug, parent):
            "A \(entity) with slug '\(slug)' already exists in \(parent); choose another slug."
        case let .emailTaken(existing):
            "That e-mail address already belongs to person \(existing); use that person instead."
        case let .wrongSessionKind(session, kind, expected):
            "Session \(session) is \(kind == .live ? "a live" : kind == .feedback ? "a feedback" : "an offline-exercise") "
                + "session; this needs \(expected)."
        case let .sessionCancelled(session):
            "Session \(session) is cancelled; reschedule it before recording anything for it."
        case let .notInSeries(person, series):
            "Person \(person) is neither enrolled in nor has a role in series \(series); enrol them first."
        case let .notEnrolled(person, series):
            "Person \(person) is not enrolled in series \(series); enrol them first."
        case let .pluginNotInstalled(id):
            "No installed plugin has the id '\(id)'; see `indaba plugin list`."
        case let .pluginDependencyNotEnabled(id, missing, organization):
            "Plugin '\(id)' needs \(missing.map { "'\($0)'" }.joined(separator: ", ")) enabled for organization "
                + "\(organization) first; enable \(missing.count == 1 ? "it" : "them") and try again."
        case let .pluginRequiredBy(id, dependents, organization):
            "Plugin '\(id)' is needed by \(dependents.map { "'\($0)'" }.joined(separator: ", ")), enabled for "
                + "organization \(organization); disable \(dependents.count == 1 ? "it" : "them") first."
        case let .pluginDisabled(id, organization):
            "Plugin '\(id)' is not enabled for organization \(organization); enable it with "
                + "`indaba plugin enable \(id) --org …`."
        }
    }
}
