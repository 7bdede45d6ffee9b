import Hummingbird
import Logging

/// Makes every error answer a problem document, including Hummingbird's own (unknown route, bad method) and
/// errors nobody expected, which become a 500 whose detail reveals nothing.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            throw problem
        } catch let error as HTTPError {
            let slug = error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "-")
            throw Problem(error.status, slug, title: error.status.reasonPhrase, detail: error.body ?? error.status.reasonPhrase)
        } catch let error as any HTTPResponseError {
            throw Problem(error.status, "http-\(error.status.code)", title: error.status.reasonPhrase, detail: error.status.reasonPhrase)
        } catch {
            context.logger.error("unexpected error while answering a request", metadata: ["tg.error.type": "\(type(of: error))"])
            throw Problem(.internalServerError, "internal", title: "Internal error", detail: "the gateway failed to answer; the error is in its log")
        }
    }
}
