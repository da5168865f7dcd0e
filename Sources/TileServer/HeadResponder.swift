import HTTPTypes
import Hummingbird

/// `HEAD` on every `GET` route (RFC 9110 §9.3.2): the request is answered as the `GET` it
/// stands for — same routing, middleware, status and headers (`Content-Length`, `ETag`,
/// `Cache-Control`, `Content-Type` …) — and the body is dropped unsent and unproduced (a
/// streamed GeoJSON body is never generated; a streamed answer's HEAD has no `Content-Length`,
/// as its GET has none). Unknown paths get the GET's 404 head.
///
/// Hummingbird's own `autoGenerateHeadEndpoints` is not used: it answers a streamed body's
/// HEAD with `Content-Length: 0`, and unmatched paths with a body.
struct HeadAsGet<Builder: HTTPResponderBuilder>: HTTPResponderBuilder {
    let router: Builder

    func buildResponder() -> Responder<Builder.Responder> { Responder(base: router.buildResponder()) }

    struct Responder<Base: HTTPResponder>: HTTPResponder {
        typealias Context = Base.Context
        let base: Base

        func respond(to request: Request, context: Context) async throws -> Response {
            guard request.method == .head else { return try await base.respond(to: request, context: context) }
            var head = request.head
            head.method = .get
            let response = try await base.respond(to: Request(head: head, body: request.body), context: context)
            // A body of unknown length that writes nothing: `Response` adds no Content-Length for it.
            return Response(status: response.status, headers: response.headers, body: ResponseBody { writer in try await writer.finish(nil) })
        }
    }
}
