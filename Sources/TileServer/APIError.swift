import Foundation
import GeoCore
import Hummingbird

/// An error answer of the HTTP contract: JSON `{"error": "...", "detail": "..."}` with a status
/// naming what was wrong (DESIGN.md "HTTP"). `error` is a short fixed phrase clients may match
/// on; `detail` says what exactly and where (parameter, row, JSON path).
struct APIError: HTTPResponseError, Sendable {
    let status: HTTPResponse.Status
    let error: String
    let detail: String
    /// Extra headers (`Retry-After`, `WWW-Authenticate`).
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ error: String, _ detail: String, headers: HTTPFields = [:]) {
        self.status = status
        self.error = error
        self.detail = detail
        self.headers = headers
    }

    static func badRequest(_ detail: String) -> APIError { APIError(.badRequest, "bad request", detail) }
    static func notFound(_ detail: String) -> APIError { APIError(.notFound, "not found", detail) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    /// The JSON response.
    func response() -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.cacheControl] = "no-store"
        let body = "{\"error\":\(JSONText.quoted(error)),\"detail\":\(JSONText.quoted(detail))}\n"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

/// Turns every error a route throws into an `APIError` response, so that no failure reaches
/// the client as an empty 500 and none escapes to crash the connection.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let e as APIError {
            return e.response()
        } catch let e as HTTPError {
            let phrase = e.status.reasonPhrase.lowercased()
            let detail = e.body ?? (e.status == .notFound ? "no route for \(request.method) \(request.uri.path)" : phrase)
            return APIError(e.status, phrase, detail, headers: e.headers).response()
        } catch {
            context.logger.error("\(request.method) \(request.uri): \(error)")
            return APIError(.internalServerError, "internal error", "\(error)").response()
        }
    }
}
