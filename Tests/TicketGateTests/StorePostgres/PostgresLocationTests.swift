import Testing
import TicketGateStorePostgres

/// `--database postgres://…` read as libpq reads it, with a located reason for what is wrong.
@Suite struct PostgresLocationTests {
    @Test func readsUserPasswordHostPortDatabaseAndSSLMode() throws {
        let location = try PostgresLocation(url: "postgresql://gate%40ops:p%3Ass%2Fw@db.internal:6432/tickets?sslmode=verify-full")
        #expect(location.username == "gate@ops")
        #expect(location.host == "db.internal")
        #expect(location.port == 6432)
        #expect(location.database == "tickets")
        #expect(location.tls == .verifyFull)
        #expect(location.configuration.password == "p:ss/w")
        #expect(!location.description.contains("p:ss"), "the password is never shown")
        #expect(!location.description.contains("p%3Ass"))
    }

    @Test func defaultsToPort5432AndPreferredTLS() throws {
        let location = try PostgresLocation(url: "postgres://gate@localhost/tickets")
        #expect(location.port == 5432)
        #expect(location.tls == .prefer)
        #expect(location.configuration.password == nil)
    }

    @Test(arguments: [
        ("mysql://gate@h/db", "expected postgres://"),
        ("postgres://h/db", "no user"),
        ("postgres://gate@/db", "no host"),
        ("postgres://gate@h:70000/db", "port"),
        ("postgres://gate@h", "no database"),
        ("postgres://gate@h/a/b", "no database"),
        ("postgres://gate@h/db?sslmode=sometimes", "sslmode must be one of disable, prefer, require, verify-full"),
        ("postgres://gate@h/db?application_name=x", "unknown parameter"),
    ])
    func refusesWhatIsWrongSayingWhat(url: String, reason: String) {
        #expect {
            try PostgresLocation(url: url)
        } throws: { error in
            (error as? PostgresLocationError)?.description.contains(reason) == true
        }
    }
}
