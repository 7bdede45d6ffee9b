/// How one delivery attempt ended. Vendor clients never throw; they answer with one of these.
package enum DeliveryOutcome: Sendable, Equatable {
    /// The vendor has the ticket and its message.
    case delivered(VendorRefs)
    /// The destination has no credentials: the requests were written to the audit instead of being sent.
    case dryRun
    /// Worth another attempt later, no sooner than `retryAfter` when the vendor said so.
    case retryable(DeliveryFailure, retryAfter: Duration?)
    /// The vendor refused the credential (401, 403): every delivery to the destination would fail the same
    /// way, so the destination pauses and its events wait until the credential works again.
    case credentialRefused(DeliveryFailure)
    /// The destination has no turn for the request soon (its rate limit's backlog, a vendor's `Retry-After`):
    /// nothing was sent, and the delivery comes back after the delay without using up an attempt.
    case deferred(DeliveryFailure, for: Duration)
    /// Another attempt would fail the same way.
    case permanent(DeliveryFailure)
}
