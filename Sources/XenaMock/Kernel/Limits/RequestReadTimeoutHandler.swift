import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request body has not fully arrived `timeout` after the request's head, so a client
/// that announces a body and then trickles or stalls cannot hold a request open. (Connections that send nothing,
/// or stall inside a head, are closed by Hummingbird's idle timeout.)
final class RequestReadTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let timeout: TimeAmount
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head:
            self.deadline?.cancel()
            let channel = context.channel
            self.deadline = context.eventLoop.scheduleTask(in: self.timeout) { channel.close(promise: nil) }
        case .end:
            self.deadline?.cancel()
            self.deadline = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.deadline?.cancel()
        self.deadline = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.deadline?.cancel()
        self.deadline = nil
        context.fireChannelInactive()
    }
}
