import Foundation
import NIOSSL
import PostgresNIO

/// A PostgreSQL database named by a URL: `postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=MODE` (or
/// `postgresql://`). User and password are percent-decoded; the port defaults to 5432; `sslmode` is `disable`,
/// `prefer` (the default), `require` or `verify-full`, as libpq reads them. The password never appears in
/// `description`.
package struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    package enum TLSMode: String, Sendable, CaseIterable {
        case disable
        case prefer
        case require
        case verifyFull = "verify-full"
    }

    package var host: String
    package var port: Int
    package var username: String
    var password: String?
    package var database: String
    package var tls: TLSMode

    package init(host: String, port: Int = 5432, username: String, password: String?, database: String, tls: TLSMode = .prefer) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// Whether `url` names a PostgreSQL database, whatever else it gets wrong.
    package static func names(_ url: String) -> Bool {
        url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")
    }

    /// Reads `url`, saying which part is wrong.
    package init(url: String) throws(PostgresLocationError) {
        guard Self.names(url), let components = URLComponents(string: url) else {
            throw PostgresLocationError("expected postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
        guard let host = components.host, !host.isEmpty else { throw PostgresLocationError("the URL names no host") }
        guard let username = components.percentEncodedUser?.removingPercentEncoding, !username.isEmpty else {
            throw PostgresLocationError("the URL names no user")
        }
        if let port = components.port, !(1...65_535).contains(port) { throw PostgresLocationError("the port must be from 1 to 65535") }
        let database = String(components.percentEncodedPath.dropFirst()).removingPercentEncoding ?? ""
        guard !database.isEmpty, !database.contains("/") else { throw PostgresLocationError("the URL names no database (…/DATABASE)") }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else { throw PostgresLocationError("unknown parameter '\(item.name)'; only sslmode is read") }
            guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                let modes = TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
                throw PostgresLocationError("sslmode must be one of \(modes)")
            }
            tls = mode
        }
        self.init(
            host: host, port: components.port ?? 5432, username: username, password: components.percentEncodedPassword?.removingPercentEncoding,
            database: database, tls: tls)
    }

    package var description: String {
        "postgres://\(username)@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)"
    }

    /// The client configuration PostgresNIO's pools connect with.
    package var configuration: PostgresClient.Configuration {
        PostgresClient.Configuration(host: host, port: port, username: username, password: password, database: database, tls: clientTLS)
    }

    /// The configuration of a single connection, as the pools make theirs.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let connectionTLS: PostgresConnection.Configuration.TLS =
            switch tls {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: Self.unverifiedTLS))
            case .require: .require(try NIOSSLContext(configuration: Self.unverifiedTLS))
            case .verifyFull: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        return PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: connectionTLS)
    }

    private var clientTLS: PostgresClient.Configuration.TLS {
        switch tls {
        case .disable: .disable
        case .prefer: .prefer(Self.unverifiedTLS)
        case .require: .require(Self.unverifiedTLS)
        case .verifyFull: .require(.makeClientConfiguration())
        }
    }

    /// TLS without certificate checks, as libpq's `prefer` and `require` do.
    private static var unverifiedTLS: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        return configuration
    }
}

/// What is wrong with a PostgreSQL URL.
package struct PostgresLocationError: Error, Equatable, CustomStringConvertible {
    package let description: String

    init(_ description: String) {
        self.description = description
    }
}
