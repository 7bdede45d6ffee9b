import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import TicketGateCore

/// Guards `/admin`: off (404) without `TICKETGATE_ADMIN_TOKEN`; otherwise `Authorization: Bearer <token>`,
/// compared in constant time (as SHA-256 digests, whose comparison takes the same time wherever they differ).
struct AdminAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: Secret?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token, !token.isEmpty else {
            throw Problem(.notFound, "admin-off", title: "Admin API off", detail: "set TICKETGATE_ADMIN_TOKEN to turn the admin API on")
        }
        let presented = request.headers[.authorization].flatMap { value -> Substring? in
            guard value.count > 7, value.prefix(7).lowercased() == "bearer " else { return nil }
            return value.dropFirst(7)
        }
        guard let presented, SHA256.hash(data: Data(presented.utf8)) == SHA256.hash(data: Data(token.value.utf8)) else {
            var problem = Problem(
                .unauthorized, "admin-token", title: "Admin token missing or wrong",
                detail: "send Authorization: Bearer with the gateway's TICKETGATE_ADMIN_TOKEN")
            problem.headers[.wwwAuthenticate] = "Bearer"
            throw problem
        }
        return try await next(request, context)
    }
}
