/// The OpenAPI 3.1 description of the API (placeholder while routes settle).
enum OpenAPIDocument {
    static let json = "{}"
}
