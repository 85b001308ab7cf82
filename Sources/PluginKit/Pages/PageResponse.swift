public import Foundation
public import Hummingbird
import Kernel

/// What a plugin page handler answers: a page in the shared layout, a redirect after a successful `POST`, or a file.
public enum PageResponse: Sendable {
    /// The content inside the shared layout, with a status (a refused form is `422`, say).
    case page(PageContent, status: HTTPResponse.Status = .ok)
    /// A `303 See Other` to `path`, relative to the plugin's pages like ``NavigationEntry/path`` (may carry a query).
    case redirect(String)
    /// A download: the bytes, their media type and the file name the browser saves them under.
    case file(Data, contentType: String, filename: String)
}
