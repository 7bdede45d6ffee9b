import TicketGateCore

/// The one place that decides what a vendor's HTTP status means, for every vendor:
/// 2xx delivered; 408, 425, 429, 5xx retryable; 401 and 403 pause the destination until the credential
/// works; 404 and other statuses permanent.
enum StatusClassifier {
    /// `nil` for success, otherwise the outcome the attempt ends with.
    static func classify(status: Int, retryAfter: Duration?, detail: String) -> DeliveryOutcome? {
        switch status {
        case 200..<300:
            nil
        case 429:
            .retryable(DeliveryFailure(.rateLimited, detail), retryAfter: retryAfter)
        case 408, 425, 500..<600:
            .retryable(DeliveryFailure(.serverError, detail), retryAfter: retryAfter)
        case 401, 403:
            .credentialRefused(DeliveryFailure(.unauthorized, detail))
        case 404:
            .permanent(DeliveryFailure(.notFound, detail))
        default:
            .permanent(DeliveryFailure(.rejected, detail))
        }
    }
}
