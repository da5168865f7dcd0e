import Foundation
import GeoCore
import HTTPTypes
import Hummingbird
import IncidentStore

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
/// the client as an empty 500 and none escapes to crash the connection (a write that found the
/// incident database locked past its timeout, `StoreBusyError`, is 503 with `Retry-After: 5`,
/// "store busy"); and gives every
/// response an `X-Request-Id`: Hummingbird's id of the request (`context.id`: a random
/// per-process prefix and a counter, in hex), which every log line of the request carries as
/// `hb.request.id`.
///
/// A 500 never shows the client what failed (messages may hold paths, SQL or connection
/// details): its body says "internal error" and quotes the request id; the log line with the
/// method, path and full error carries the same id.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// `X-Request-Id`.
    static var requestIDHeader: HTTPField.Name? { HTTPField.Name("X-Request-Id") }
    /// `Retry-After` seconds of the 503 for a busy incident database (`StoreBusyError`).
    static var storeBusyRetrySeconds: Int { 5 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let e as APIError {
            response = e.status == .internalServerError ? Self.internalError(request, context, error: e.detail) : e.response()
        } catch let e as StoreBusyError {
            // Another writer holds the incident database: nothing was stored; a retry will do.
            response = APIError(.serviceUnavailable, "store busy", e.description,
                                headers: [.retryAfter: "\(Self.storeBusyRetrySeconds)"]).response()
        } catch let e as HTTPError {
            if e.status == .internalServerError {
                response = Self.internalError(request, context, error: e.body ?? "\(e)")
            } else {
                let phrase = e.status.reasonPhrase.lowercased()
                let detail = e.body ?? (e.status == .notFound ? "no route for \(request.method) \(request.uri.path)" : phrase)
                response = APIError(e.status, phrase, detail, headers: e.headers).response()
            }
        } catch {
            response = Self.internalError(request, context, error: "\(error)")
        }
        if let name = Self.requestIDHeader { response.headers[name] = context.id }
        return response
    }

    /// The generic 500, after logging `error` with the request id.
    static func internalError(_ request: Request, _ context: Context, error: String) -> Response {
        context.logger.error("request \(context.id): \(request.method) \(request.uri.path): \(error)")
        return APIError(.internalServerError, "internal error",
                        "the server failed to answer; quote request id \(context.id) to its operator (the details are in the server log)").response()
    }
}
