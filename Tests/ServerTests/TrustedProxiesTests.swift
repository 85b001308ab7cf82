import HTTPTypes
import Server
import Testing

@Suite struct TrustedProxiesTests {
    let proxies = TrustedProxies(["10.0.0.0/8", "::1", "2001:db8::/32"].compactMap(IPNetwork.init))

    @Test("CIDR networks match IPv4, IPv6 and IPv4-mapped addresses; nonsense is refused")
    func networks() {
        #expect(IPNetwork("10.0.0.0/8")!.contains("10.255.1.2"))
        #expect(!IPNetwork("10.0.0.0/8")!.contains("11.0.0.1"))
        #expect(IPNetwork("10.0.0.0/8")!.contains("::ffff:10.1.2.3"))
        #expect(IPNetwork("2001:db8::/32")!.contains("2001:db8:cafe::17"))
        #expect(!IPNetwork("2001:db8::/32")!.contains("10.0.0.1"))
        #expect(IPNetwork("192.168.1.77/26")!.contains("192.168.1.70"))
        #expect(!IPNetwork("192.168.1.77/26")!.contains("192.168.1.129"))
        for bad in ["10.0.0.0/33", "example.org", "10.0.0/8", "", "::1/129"] { #expect(IPNetwork(bad) == nil) }
    }

    @Test("the client is the last untrusted hop; an untrusted peer's headers are ignored")
    func client() {
        func client(_ peer: String, _ headers: [String: String]) -> String? {
            var fields = HTTPFields()
            for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
            return proxies.client(peer: peer, headers: fields)
        }
        #expect(client("198.51.100.1", ["X-Forwarded-For": "1.2.3.4"]) == "198.51.100.1")
        #expect(client("10.0.0.1", ["X-Forwarded-For": "1.2.3.4, 5.6.7.8, 10.0.0.3"]) == "5.6.7.8")
        #expect(
            client("10.0.0.1", ["Forwarded": #"for="[2001:db9::1]:4711";proto=https, for=10.1.1.1"#]) == "2001:db9::1")
        #expect(client("10.0.0.1", ["Forwarded": "for=192.0.2.60:8080", "X-Forwarded-For": "5.6.7.8"]) == "192.0.2.60")
        #expect(client("10.0.0.1", [:]) == "10.0.0.1")
        #expect(client("::1", ["X-Forwarded-For": "10.0.0.9"]) == "10.0.0.9")
    }
}
