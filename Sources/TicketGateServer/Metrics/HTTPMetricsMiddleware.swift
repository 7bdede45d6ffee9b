import Hummingbird
import Metrics

/// Hummingbird's request metrics, under Hummingbird's names and labels: `hb_requests`, `hb_request_errors`,
/// `http_server_request_duration` and `http_server_active_requests`, by route, method and status.
///
/// Hummingbird's own `MetricsMiddleware` records them once the answer's body is written, by wrapping the
/// body in a closure. A wrapped body is written as a stream (the head, then the body, each flushed alone)
/// instead of in one write: two system calls and two TCP segments per answer, which cost about as much as
/// verifying and normalizing an event. This one records them when the handler returns; a request's
/// duration then ends when its answer is ready, and bodies stay single buffers.
struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    private let handles = HTTPMetricHandles()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let active = handles.active(request.method)
        active.increment()
        defer { active.decrement() }
        do {
            let response = try await next(request, context)
            let endpoint = handles.endpoint(
                HTTPMetricHandles.EndpointKey(route: context.endpointPath ?? "Unknown", method: request.method, status: response.status))
            endpoint.requests.increment()
            endpoint.duration.recordSeconds((ContinuousClock.now - start).seconds)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            let endpoint = handles.endpoint(
                HTTPMetricHandles.EndpointKey(route: context.endpointPath ?? "NotFound", method: request.method, status: status))
            endpoint.requests.increment()
            endpoint.errors.increment()
            throw error
        }
    }
}

/// The metric handles of each method and of each route, method and status, made once: making one goes
/// through the metrics factory's own lookup.
final class HTTPMetricHandles: Sendable {
    struct EndpointKey: Hashable, Sendable {
        let route: String
        let method: HTTPRequest.Method
        let status: HTTPResponse.Status
    }

    struct Endpoint: Sendable {
        let requests: Counter
        let errors: Counter
        let duration: Metrics.Timer

        init(_ key: EndpointKey) {
            let labels = [("http.route", key.route), ("http.request.method", key.method.rawValue)]
            let status = key.status.code.description
            requests = Counter(label: "hb.requests", dimensions: labels + [("http.response.status_code", status)])
            errors = Counter(label: "hb.request.errors", dimensions: labels + [("error.type", status)])
            duration = Metrics.Timer(
                label: "http.server.request.duration", dimensions: labels + [("http.response.status_code", status)],
                preferredDisplayUnit: .seconds)
        }
    }

    private let methods = HandleCache<HTTPRequest.Method, Meter>()
    private let endpoints = HandleCache<EndpointKey, Endpoint>()

    func active(_ method: HTTPRequest.Method) -> Meter {
        methods.handle(method) { Meter(label: "http.server.active_requests", dimensions: [("http.request.method", $0.rawValue)]) }
    }

    func endpoint(_ key: EndpointKey) -> Endpoint {
        endpoints.handle(key, make: Endpoint.init)
    }
}
