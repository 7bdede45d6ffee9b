import Hummingbird
import Logging
import TicketGateCore

/// Makes every error answer a problem document, including Hummingbird's own (unknown route, bad method), a store
/// that cannot be reached (503 with `Retry-After`), and errors nobody expected, which become a 500 whose detail
/// reveals nothing.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            throw problem
        } catch let error as HTTPError {
            let slug = error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "-")
            throw Problem(error.status, slug, title: error.status.reasonPhrase, detail: error.body ?? error.status.reasonPhrase)
        } catch let error as StoreError where error.isUnavailable {
            context.logger.warning("the store does not answer", metadata: ["tg.error": "\(error)"])
            throw Problem.storeUnavailable("the store does not answer; try again in a few seconds")
        } catch let error as any HTTPResponseError {
            throw Problem(error.status, "http-\(error.status.code)", title: error.status.reasonPhrase, detail: error.status.reasonPhrase)
        } catch {
            context.logger.error("unexpected error while answering a request", metadata: ["tg.error.type": "\(type(of: error))"])
            throw Problem(.internalServerError, "internal", title: "Internal error", detail: "the gateway failed to answer; the error is in its log")
        }
    }
}
