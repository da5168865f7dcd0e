import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging

/// One log line per request: method, path (a `token=` query value redacted), status, body
/// bytes, milliseconds, and the request id (the `X-Request-Id` the response carries). A body of
/// known length (tiles, static maps, JSON answers) is logged when the response is ready, and is
/// passed on untouched so that head and body still go out in one write; a streamed body (GeoJSON
/// downloads) is counted as it is sent and logged at its end (or when the client went away),
/// with the time to its last byte. Outermost responder, so `HEAD` requests are logged as `HEAD` with 0 bytes. Lines
/// are `info` with message `request` (`LogLineHandler` writes them as logfmt or JSON).
struct RequestLog<Builder: HTTPResponderBuilder>: HTTPResponderBuilder where Builder.Responder.Context: RequestContext {
    let base: Builder
    /// Where the lines go; nil logs nothing (`--no-request-log`).
    let logger: Logger?

    func buildResponder() -> Responder<Builder.Responder> { Responder(base: base.buildResponder(), logger: logger) }

    struct Responder<Base: HTTPResponder>: HTTPResponder where Base.Context: RequestContext {
        typealias Context = Base.Context
        let base: Base
        let logger: Logger?

        func respond(to request: Request, context: Context) async throws -> Response {
            guard let logger else { return try await base.respond(to: request, context: context) }
            let started = ContinuousClock.now
            let method = request.method.rawValue, path = RequestLog.loggedPath(request.uri), id = context.id
            let response: Response
            do {
                response = try await base.respond(to: request, context: context)
            } catch {
                let status = (error as? any HTTPResponseError)?.status.code ?? 500
                RequestLog.write(logger, method: method, path: path, status: status, bytes: 0, since: started, id: id)
                throw error
            }
            let body = response.body, status = response.status.code
            if let length = body.contentLength {
                // A body of known length (tiles, static maps, JSON) is logged now and left as it is,
                // so Hummingbird still sends head and body in one write (its fast path).
                RequestLog.write(logger, method: method, path: path, status: status, bytes: length, since: started, id: id)
                return response
            }
            var logged = response
            logged.body = ResponseBody(contentLength: body.contentLength) { writer in
                let counter = CountingBodyWriter(base: writer)
                do {
                    try await body.write(counter)
                } catch {
                    RequestLog.write(logger, method: method, path: path, status: status, bytes: counter.tally.bytes, since: started, id: id,
                                     note: "body not completed")
                    throw error
                }
                RequestLog.write(logger, method: method, path: path, status: status, bytes: counter.tally.bytes, since: started, id: id)
            }
            return logged
        }
    }

    static func write(_ logger: Logger, method: String, path: String, status: Int, bytes: Int, since started: ContinuousClock.Instant,
                      id: String, note: String? = nil) {
        let elapsed = ContinuousClock.now - started
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var metadata: Logger.Metadata = [
            "method": .string(method), "path": .string(path), "status": .stringConvertible(status), "bytes": .stringConvertible(bytes),
            "ms": .stringConvertible((ms * 10).rounded() / 10), "request_id": .string(id),
        ]
        if let note { metadata["note"] = .string(note) }
        logger.info("request", metadata: metadata)
    }

    /// The path and query, with the value of any `token` parameter replaced by `REDACTED`.
    static func loggedPath(_ uri: URI) -> String {
        guard let query = uri.query, !query.isEmpty else { return uri.path }
        let parts = query.split(separator: "&", omittingEmptySubsequences: false).map { part -> Substring in
            part.hasPrefix("token=") ? "token=REDACTED" : part
        }
        return uri.path + "?" + parts.joined(separator: "&")
    }
}

/// Counts the bytes of a response body on their way to the client.
private struct CountingBodyWriter: ResponseBodyWriter {
    var base: any ResponseBodyWriter
    let tally = ByteTally()

    mutating func write(_ buffer: ByteBuffer) async throws {
        tally.bytes += buffer.readableBytes
        try await base.write(buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await base.finish(trailingHeaders)
    }
}

/// The running byte count of one response, read after its body is written (one task only).
private final class ByteTally: @unchecked Sendable {
    var bytes = 0
}
