import Foundation
import HTTPTypes
import Hummingbird
import TicketGateConsole
import TicketGateCore

/// Guards `/admin`: off (404) without `TICKETGATE_ADMIN_TOKEN`; otherwise `Authorization: Bearer <token>`,
/// compared in constant time (as SHA-256 digests, whose comparison takes the same time wherever they differ).
/// A failed attempt is logged with the client's address (never the token presented) and counted against the
/// client: past `failureLimit`, the client is answered `429` without its token being looked at until its
/// allowance refills.
struct AdminAuthMiddleware: RouterMiddleware {
    /// Failed attempts one client address may make before it is slowed to this rate.
    static let failureLimit = RateLimit(requests: 10, per: .seconds(60))

    let token: Secret?
    let failures: ClientRateLimiter

    func handle(_ request: Request, context: GatewayRequestContext, next: (Request, GatewayRequestContext) async throws -> Response) async throws
        -> Response
    {
        guard let token, !token.isEmpty else {
            throw Problem(.notFound, "admin-off", title: "Admin API off", detail: "set TICKETGATE_ADMIN_TOKEN to turn the admin API on")
        }
        let client = context.origin.address ?? "unknown"
        if let wait = failures.wait(source: "admin", address: client, limit: Self.failureLimit) {
            var problem = Problem(
                .tooManyRequests, "admin-token-attempts", title: "Too many failed attempts",
                detail: "this client address sent too many wrong admin tokens; wait before trying again")
            problem.headers[.retryAfter] = "\(max(1, Int(wait.seconds.rounded(.up))))"
            throw problem
        }
        let presented = request.headers[.authorization].flatMap { value -> Substring? in
            guard value.count > 7, value.prefix(7).lowercased() == "bearer " else { return nil }
            return value.dropFirst(7)
        }
        guard let presented, ConstantTimeText.equal(presented, token.value) else {
            _ = failures.admit(source: "admin", address: client, limit: Self.failureLimit)
            context.logger.notice(
                "admin authentication failed",
                metadata: ["tg.client.ip": "\(client)", "tg.reason": "\(presented == nil ? "no bearer token" : "wrong token")"])
            var problem = Problem(
                .unauthorized, "admin-token", title: "Admin token missing or wrong",
                detail: "send Authorization: Bearer with the gateway's TICKETGATE_ADMIN_TOKEN")
            problem.headers[.wwwAuthenticate] = "Bearer"
            throw problem
        }
        return try await next(request, context)
    }
}
