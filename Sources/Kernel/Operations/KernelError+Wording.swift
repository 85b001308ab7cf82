extension KernelError {
    /// The refusal in `t`'s language, for the web interface and API problems. In English it is ``description``,
    /// word for word; an entity (`series`, `person`) is named in `t`'s language (``EntityName``), a field as the
    /// kernel names it in every language.
    public func worded(_ t: Localizer) -> String {
        guard t.language != .english else { return description }
        switch self {
        case let .notFound(entity, reference):
            let entity = EntityName.worded(entity, t)
            return reference.hasPrefix("(")
                ? t("No {entity} has that e-mail address.", ["entity": entity])
                : t("No {entity} matches '{reference}'.", ["entity": entity, "reference": reference])
        case let .invalidField(field, reason):
            return t("{field} {reason}.", ["field": field, "reason": reason.worded(t)])
        case let .duplicateSlug(entity, slug, parent):
            return t(
                "A {entity} with slug '{slug}' already exists in {parent}; choose another slug.",
                ["entity": entity, "slug": slug, "parent": parent])
        case let .emailTaken(existing):
            return t(
                "That e-mail address already belongs to person {person}; use that person instead.",
                ["person": "\(existing)"])
        case let .wrongSessionKind(session, _, expected):
            let values = ["session": "\(session)"]
            return expected.contains("offline")
                ? t("Session {session} is not an offline exercise; this needs one.", values)
                : t("Session {session} is an offline exercise; this needs a live or feedback session.", values)
        case let .sessionCancelled(session):
            return t(
                "Session {session} is cancelled; reschedule it before recording anything for it.",
                ["session": "\(session)"])
        case let .notInSeries(person, series):
            return t(
                "Person {person} is neither enrolled in nor has a role in series {series}; enrol them first.",
                ["person": "\(person)", "series": "\(series)"])
        case let .notEnrolled(person, series):
            return t(
                "Person {person} is not enrolled in series {series}; enrol them first.",
                ["person": "\(person)", "series": "\(series)"])
        case let .pluginNotInstalled(id):
            return t("No installed plugin has the id '{plugin}'.", ["plugin": id.rawValue])
        case let .pluginDependencyNotEnabled(id, missing, organization):
            return t(
                "Plugin '{plugin}' needs {missing} enabled for organization {organization} first; enable and try again.",
                [
                    "plugin": id.rawValue, "missing": missing.map { "'\($0)'" }.joined(separator: ", "),
                    "organization": "\(organization)",
                ])
        case let .pluginRequiredBy(id, dependents, organization):
            return t(
                "Plugin '{plugin}' is needed by {dependents}, enabled for organization {organization}; disable "
                    + "those first.",
                [
                    "plugin": id.rawValue, "dependents": dependents.map { "'\($0)'" }.joined(separator: ", "),
                    "organization": "\(organization)",
                ])
        case let .pluginDisabled(id, organization):
            return t(
                "Plugin '{plugin}' is not enabled for organization {organization}.",
                ["plugin": id.rawValue, "organization": "\(organization)"])
        }
    }
}
