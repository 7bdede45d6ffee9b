import TicketGateCore

/// The helpdesks this build delivers to. Adding one adds its folder and one line here.
package enum VendorRegistry {
    static let vendors: [any Vendor.Type] = [
        SPPVendor.self,
        OmnideskVendor.self,
        InitdeskVendor.self,
        WebhookVendor.self,
        ZendeskVendor.self,
        FreshdeskVendor.self,
        ZammadVendor.self,
    ]

    /// Each vendor's profile, for the rules loader.
    package static var profiles: [VendorProfile] { vendors.map { $0.profile } }

    static func vendor(for destination: DestinationDefinition) -> any Vendor.Type {
        guard let vendor = vendors.first(where: { $0.profile.name == destination.vendor.name }) else {
            preconditionFailure("the rules loader accepted vendor \(destination.vendor.name), which this build cannot deliver to")
        }
        return vendor
    }
}
