import Hummingbird

/// Decides who the client is before any route runs: the peer, or what a trusted proxy forwarded.
struct ClientOriginMiddleware: RouterMiddleware {
    let trusted: TrustedProxies

    func handle(_ request: Request, context: GatewayRequestContext, next: (Request, GatewayRequestContext) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.origin = trusted.origin(peer: context.peerAddress, headers: request.headers)
        return try await next(request, context)
    }
}
