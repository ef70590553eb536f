import Hummingbird
import Mustache

/// Renders portal pages with the compiled templates into HTML responses.
struct PortalRenderer: Sendable {
    let library: MustacheLibrary

    init() throws {
        library = try PortalTemplates.library()
    }

    /// The page `template` with `context`, as an HTML response with `status`.
    func page<Content>(_ template: String, _ context: PortalPageContext<Content>, status: HTTPResponse.Status = .ok) throws -> Response {
        guard let html = library.render(context, withTemplate: template) else {
            throw HTTPError(.internalServerError, message: "no portal template \(template)")
        }
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}
