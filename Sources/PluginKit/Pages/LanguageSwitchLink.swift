public import Kernel

/// The address of the language switcher every page carries (`GET /language?to=fr`: the choice is kept in a cookie
/// and the visitor comes back to the page they were on), for a plugin page that draws its own chrome, such as the
/// certificate verification page.
public enum LanguageSwitchLink {
    public static func to(_ language: Language) -> String {
        "/language?to=\(language.code)"
    }
}
