import HTTPTypes
import NIOCore
import NIOHTTPTypes

extension GatewayRequestContext {
    /// Answers `100 Continue` to a request that sent `Expect: 100-continue`, once it may send its body: a
    /// client that waits for it sends nothing the gateway would refuse anyway.
    func sendContinue(to request: HTTPRequest) {
        guard request.headerFields[.expect]?.lowercased() == "100-continue" else { return }
        channel.writeAndFlush(HTTPResponsePart.head(HTTPResponse(status: .continue)), promise: nil)
    }
}
