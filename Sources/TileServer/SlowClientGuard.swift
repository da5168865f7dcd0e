import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Closes connections whose client moves data too slowly, and connections whose request body is
/// still arriving when the answer is complete. One instance per connection, in the HTTP/1 child
/// pipeline right after the HTTP codec (Hummingbird's `additionalChannelHandlers`).
///
/// **Slow transfers.** Time counts against the client only while the server waits on it:
/// - reading: a request body is open (head read, end not yet) and the server has asked for
///   more bytes (a `read` went down the pipeline) that have not come;
/// - writing: response bytes were handed to the socket and have not all been taken by the
///   client (NIO completes a write when the kernel accepted it; body parts are cut into
///   `sliceBytes` pieces so progress is seen in steps of 16 KiB).
///
/// Every `window`, for each direction: when the client was waited on for at least half the
/// window and moved fewer than `max(1, minimumBytesPerSecond × seconds waited)` bytes, the
/// connection is closed. A client that stops reading a `/geojson` stream, or trickles an upload
/// at a few bytes a second, is thus closed within two windows, while a server that is itself
/// busy (a slow query, a full render queue) never counts against its client. Headers and idle
/// keep-alive connections are left to Hummingbird's idle timeout.
///
/// **Answers that do not wait for the body.** A response head written while the request body is
/// still open (a 401 or 413 before the upload was read) gets `Connection: close`; once its end
/// is written the output is shut (FIN) and the connection closed `lingerSeconds` later, so the
/// client can read the answer but the server never drains a body it refused.
final class SlowClientGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The thresholds; `window` zero turns the rate check off.
    struct Limits: Sendable {
        var window: TimeAmount
        var minimumBytesPerSecond: Int
        /// After an answer that did not wait for its request body: how long the client may still
        /// send before the connection is closed.
        var linger: TimeAmount = .seconds(2)
    }

    /// Response body pieces handed to the socket one at a time, bytes.
    static let sliceBytes = 16 << 10

    private let limits: Limits
    private let onClose: @Sendable () -> Void
    private var bodyOpen = false
    private var readWaitStart: NIODeadline?
    private var readWaited = TimeAmount.zero
    private var bytesIn = 0
    private var writesOutstanding = 0
    private var writeWaitStart: NIODeadline?
    private var writeWaited = TimeAmount.zero
    private var bytesOut = 0
    private var closeAfterAnswer = false
    private var timer: Scheduled<Void>?

    /// - Parameter onClose: called when the guard closes a slow connection (metrics).
    init(_ limits: Limits, onClose: @escaping @Sendable () -> Void = {}) {
        self.limits = limits
        self.onClose = onClose
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { schedule(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        schedule(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: bodyOpen = true
        case .body(let buffer): bytesIn += buffer.readableBytes
        case .end: bodyOpen = false
        }
        if let start = readWaitStart {
            readWaited = readWaited + (NIODeadline.now() - start)
            readWaitStart = nil
        }
        context.fireChannelRead(data)
    }

    func read(context: ChannelHandlerContext) {
        if bodyOpen, readWaitStart == nil { readWaitStart = .now() }
        context.read()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head):
            guard bodyOpen else { return send(context, data, bytes: 0, promise: promise) }
            closeAfterAnswer = true
            head.headerFields[.connection] = "close"
            send(context, wrapOutboundOut(.head(head)), bytes: 0, promise: promise)
        case .body(let buffer):
            var rest = buffer
            while rest.readableBytes > Self.sliceBytes, let piece = rest.readSlice(length: Self.sliceBytes) {
                send(context, wrapOutboundOut(.body(piece)), bytes: piece.readableBytes, promise: nil)
            }
            send(context, wrapOutboundOut(.body(rest)), bytes: rest.readableBytes, promise: promise)
        case .end:
            guard closeAfterAnswer else { return send(context, data, bytes: 0, promise: promise) }
            let done = context.eventLoop.makePromise(of: Void.self)
            send(context, data, bytes: 0, promise: done)
            done.futureResult.assumeIsolated().whenComplete { [self] result in
                promise?.completeWith(result)
                context.close(mode: .output, promise: nil)
                _ = context.eventLoop.assumeIsolated().scheduleTask(in: limits.linger) { context.close(promise: nil) }
            }
        }
    }

    /// Writes `data`, counting it as outstanding until the socket has taken it.
    private func send(_ context: ChannelHandlerContext, _ data: NIOAny, bytes: Int, promise: EventLoopPromise<Void>?) {
        if writesOutstanding == 0 { writeWaitStart = .now() }
        writesOutstanding += 1
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.assumeIsolated().whenComplete { [self] result in
            writesOutstanding -= 1
            if case .success = result { bytesOut += bytes }
            if writesOutstanding == 0, let start = writeWaitStart {
                writeWaited = writeWaited + (NIODeadline.now() - start)
                writeWaitStart = nil
            }
            promise?.completeWith(result)
        }
        context.write(data, promise: written)
    }

    private func schedule(_ context: ChannelHandlerContext) {
        guard timer == nil, limits.window > .zero else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: limits.window) { [self] in
            timer = nil
            check(context)
        }
    }

    /// Compares what moved in the last window with what the client owed, and starts the next.
    private func check(_ context: ChannelHandlerContext) {
        let now = NIODeadline.now()
        var readWait = readWaited, writeWait = writeWaited
        if let start = readWaitStart { readWait = readWait + (now - start); readWaitStart = now }
        if let start = writeWaitStart { writeWait = writeWait + (now - start); writeWaitStart = now }
        let slow = tooSlow(bytes: bytesIn, waited: readWait) || tooSlow(bytes: bytesOut, waited: writeWait)
        readWaited = .zero; writeWaited = .zero; bytesIn = 0; bytesOut = 0
        if slow {
            onClose()
            context.close(promise: nil)
        } else if context.channel.isActive {
            schedule(context)
        }
    }

    private func tooSlow(bytes: Int, waited: TimeAmount) -> Bool {
        guard waited.nanoseconds * 2 >= limits.window.nanoseconds else { return false }
        let owed = Double(limits.minimumBytesPerSecond) * Double(waited.nanoseconds) / 1e9
        return Double(bytes) < max(1, owed)
    }
}
