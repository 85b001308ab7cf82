extension TimeFormatError {
    /// The problem in `t`'s language, as an API problem gives it beside the field's name. In English it is
    /// ``description``, word for word.
    public func detail(_ t: Localizer) -> String {
        switch self {
        case let .malformed(text, example):
            t("'{value}' is not a date and time; write it as {example}", ["value": text, "example": example])
        case let .missingOffset(text):
            t("'{value}' has no time zone; add Z for UTC or an offset such as +02:00", ["value": text])
        case let .offsetMismatch(text, zone, expected):
            t(
                "'{value}' has an offset that {zone} does not have then (it is {expected}); fix the offset or the zone",
                ["value": text, "zone": zone, "expected": expected])
        case let .nonexistentLocalTime(text, zone):
            t(
                "'{value}' does not exist in {zone} (the clocks skip it); choose another time",
                ["value": text, "zone": zone])
        }
    }
}
