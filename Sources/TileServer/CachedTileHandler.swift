import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes

/// Answers cached tiles where the request is decoded: one instance per HTTP/1 connection, in
/// the child pipeline just in front of the async channel that feeds Hummingbird's router
/// (`CachedTileHTTP1Channel` puts it there). For each request head, `CachedTileResponder` either
/// gives the whole answer — written at once, on the event loop, no task — or nil, and the
/// request goes on untouched.
///
/// Answers leave in request order, also when requests are pipelined: while a request handed on
/// to Hummingbird has not had its answer's end written (seen on its way out through this
/// handler), every later request is handed on too, so Hummingbird answers them in turn.
///
/// The handler sits after Hummingbird's `HTTPConnectionStateHandler`, so that handler sees the
/// requests answered here like any other: its idle timeout counts them as activity, and a
/// graceful shutdown waits for their answers before closing the connection.
final class CachedTileHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let responder: CachedTileResponder
    /// Requests handed on whose answer has not been written to its end yet.
    private var handedOn = 0
    /// The answer to the request being read, made from its head and written when its end has
    /// been read (so `SlowClientGuard` sees an answer to a complete request); its parts are
    /// not handed on.
    private var answer: CachedTileResponder.Answer?
    private var date = HTTPDate.Cache()

    init(_ responder: CachedTileResponder) {
        self.responder = responder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            if handedOn == 0, let made = responder.answer(request, date: date.now()) {
                answer = made
                return
            }
            answer = nil
            handedOn += 1
        case .body:
            if answer != nil { return }
        case .end:
            if let made = answer {
                answer = nil
                context.write(wrapOutboundOut(.head(made.head)), promise: nil)
                if let body = made.body { context.write(wrapOutboundOut(.body(body)), promise: nil) }
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                return
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // Hummingbird's answers only pass here (ours are written from this handler's context
        // onwards); an answer without a request handed on (a parse error's 400) counts nothing.
        if case .end = unwrapOutboundIn(data), handedOn > 0 { handedOn -= 1 }
        context.write(data, promise: promise)
    }
}

/// Hummingbird's HTTP/1 child channel (`HTTP1Channel`, set up as it sets it up) with a
/// `CachedTileHandler` added right after its `HTTPConnectionStateHandler`, before the async
/// channel that feeds the router. (`additionalChannelHandlers` go in before the state handler,
/// which would then never see the requests answered here: its idle timeout would close a
/// connection busy with cached tiles, and a graceful shutdown would not wait for their answers.)
struct CachedTileHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let base: HTTP1Channel
    let responder: CachedTileResponder

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { [responder] value in
            let pipeline = channel.pipeline.syncOperations
            let state = try pipeline.handler(type: HTTPConnectionStateHandler.self)
            try pipeline.addHandler(CachedTileHandler(responder), position: ChannelPipeline.SynchronousOperations.Position.after(state))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// `.http1(configuration:)` with cached tiles answered on the event loop (`CachedTileHandler`);
    /// without `cachedTiles`, `.http1(configuration:)` as it is.
    static func http1(configuration: HTTP1Channel.Configuration, cachedTiles: CachedTileResponder?) -> HTTPServerBuilder {
        guard let cachedTiles else { return .http1(configuration: configuration) }
        return HTTPServerBuilder { responder in
            CachedTileHTTP1Channel(base: HTTP1Channel(responder: responder, configuration: configuration), responder: cachedTiles)
        }
    }
}
