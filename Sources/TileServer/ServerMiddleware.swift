import Foundation
import Hummingbird

/// Counts every request by route template and status and times it (`/metrics`).
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        let response = try await next(request, context)
        let route = context.endpointPath ?? "unmatched"
        metrics.request(route: route, status: response.status.code,
                        seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        return response
    }
}

/// Refuses reads without a valid token when the server protects reads (`/health` stays open
/// for load balancers and probes; `/?token=` goes on to the viewer route, which checks the
/// token itself and exchanges it for the viewer cookie).
struct ReadAuthorizationMiddleware<Context: RequestContext>: RouterMiddleware {
    let auth: BearerAuthorization

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method != .post, request.uri.path != "/health", ViewerSession.queryToken(request) == nil {
            try auth.requireRead(request)
        }
        return try await next(request, context)
    }
}
