package org.newsvault.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.Dns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsvault.config.Cidr;

/** The address rules alone, over every spelling; no socket is opened here. */
class AddressPolicyTest {
    private final AddressPolicy policy = new AddressPolicy(List.of());

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal); // literals only: no DNS
    }

    /** A 16-byte IPv6 address kept as such (Java turns ::ffff:a.b.c.d into an Inet4Address on parsing). */
    private static InetAddress v6(String literal) throws UnknownHostException {
        byte[] b = java.net.Inet6Address.getByName(literal).getAddress();
        if (b.length == 4) {
            byte[] m = new byte[16];
            m[10] = (byte) 0xff;
            m[11] = (byte) 0xff;
            System.arraycopy(b, 0, m, 12, 4);
            b = m;
        }
        return java.net.Inet6Address.getByAddress(null, b, -1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1|a loopback address",
        "127.0.0.3|a loopback address",
        "127.255.255.254|a loopback address",
        "10.0.0.1|a private address",
        "172.16.0.1|a private address",
        "172.31.255.255|a private address",
        "192.168.1.1|a private address",
        "169.254.169.254|a link-local address",
        "100.64.0.1|a CGNAT address (100.64.0.0/10)",
        "100.127.255.255|a CGNAT address (100.64.0.0/10)",
        "0.0.0.0|the unspecified address",
        "0.1.2.3|an unspecified address (0.0.0.0/8)",
        "224.0.0.1|a multicast address",
        "239.255.255.250|a multicast address",
        "255.255.255.255|the broadcast address",
        "240.0.0.1|a reserved address (240.0.0.0/4)",
        "192.0.2.10|a reserved address (192.0.2.0/24)",
        "198.18.0.1|a reserved address (benchmarking, 198.18.0.0/15)",
        "::1|a loopback address",
        "::|the unspecified address",
        "fe80::1|a link-local address",
        "fc00::1|a private address (unique local, fc00::/7)",
        "fd12:3456::1|a private address (unique local, fc00::/7)",
        "fec0::1|a private address (site-local, fec0::/10)",
        "ff02::1|a multicast address",
        "64:ff9b::a00:1|an IPv6 form of 10.0.0.1, a private address",
        "64:ff9b::7f00:3|an IPv6 form of 127.0.0.3, a loopback address",
        "64:ff9b:1::1|a private address (local-use NAT64, 64:ff9b:1::/48)",
        "2002:7f00:0003::1|an IPv6 form of 127.0.0.3, a loopback address",
        "2002:c0a8:0101::1|an IPv6 form of 192.168.1.1, a private address",
        "::127.0.0.3|an IPv6 form of 127.0.0.3, a loopback address",
        "::8.8.8.8|a deprecated IPv4-compatible IPv6 address",
        "2001:db8::1|a reserved address (documentation, 2001:db8::/32)",
        "2001:0:4136:e378:8000:63bf:80ff:fffc|an IPv6 form of 127.0.0.3, a loopback address",
    })
    void nonPublicAddressesNameTheirRule(String literal, String rule) throws Exception {
        assertThat(AddressPolicy.rule(ip(literal))).isEqualTo(rule);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "::ffff:127.0.0.3|an IPv6 form of 127.0.0.3, a loopback address",
        "::ffff:7f00:3|an IPv6 form of 127.0.0.3, a loopback address",
        "::ffff:10.0.0.1|an IPv6 form of 10.0.0.1, a private address",
        "::ffff:169.254.169.254|an IPv6 form of 169.254.169.254, a link-local address",
    })
    void ipv4MappedFormsAreJudgedByTheAddressTheyCarry(String literal, String rule) throws Exception {
        assertThat(AddressPolicy.rule(v6(literal))).isEqualTo(rule);
        assertThat(AddressPolicy.rule(ip(literal))).isNotNull(); // the Inet4Address Java makes of it, too
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.216.34", "172.15.255.255", "172.32.0.1", "100.63.255.255",
        "100.128.0.1", "169.253.1.1", "192.169.0.1", "223.255.255.255", "11.0.0.1", "2606:4700::1111",
        "2a00:1450:4001:82b::200e", "64:ff9b::808:808", "2002:0808:0808::1"})
    void publicAddressesPass(String literal) throws Exception {
        assertThat(AddressPolicy.rule(ip(literal))).isNull();
        assertThat(policy.refusal(ip(literal))).isNull();
    }

    @Test
    void allowPrivateRangesOpenExactlyThoseRanges() throws Exception {
        AddressPolicy p = new AddressPolicy(List.of(Cidr.parse("10.1.0.0/16"), Cidr.parse("fd00::/8")));
        assertThat(p.refusal(ip("10.1.2.3"))).isNull();
        assertThat(p.refusal(v6("::ffff:10.1.2.3"))).isNull();
        assertThat(p.refusal(ip("64:ff9b::a01:203"))).isNull();
        assertThat(p.refusal(ip("fd00::5"))).isNull();
        assertThat(p.refusal(ip("10.2.0.1"))).isEqualTo("a private address");
        assertThat(p.refusal(ip("127.0.0.1"))).isEqualTo("a loopback address");
        assertThat(p.refusal(ip("fc00::5"))).isEqualTo("a private address (unique local, fc00::/7)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0x7f000003|127.0.0.3",
        "2130706435|127.0.0.3",
        "127.3|127.0.0.3",
        "0177.0.0.3|127.0.0.3",
        "0x7f.0.0.3|127.0.0.3",
        "017700000003|127.0.0.3",
        "127.0.0.1.|127.0.0.1",
        "0|0.0.0.0",
        "10.1|10.0.0.1",
    })
    void oddNumericSpellingsAreRefusedBeforeAnyResolver(String host, String meant) {
        Dns never = h -> {
            throw new AssertionError("resolver asked for " + h);
        };
        assertThatThrownBy(() -> policy.dns(never).lookup(host))
            .isInstanceOf(AddressBlockedException.class)
            .hasMessage(host + " is a non-standard spelling of an IP address (" + meant
                + " to most resolvers); only a.b.c.d is fetched " + AddressPolicy.HINT);
        assertThatThrownBy(() -> policy.checkHop(host, false, never)).isInstanceOf(AddressBlockedException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.3|127.0.0.3 is a loopback address",
        "10.0.0.1|10.0.0.1 is a private address",
        "169.254.169.254|169.254.169.254 is a link-local address",
        "100.64.0.1|100.64.0.1 is a CGNAT address (100.64.0.0/10)",
        "0.0.0.0|0.0.0.0 is the unspecified address",
        "::1|0:0:0:0:0:0:0:1 is a loopback address",
        "fe80::1|fe80:0:0:0:0:0:0:1 is a link-local address",
    })
    void literalHostsAreRefusedBeforeTheRequest(String host, String message) {
        assertThatThrownBy(() -> policy.checkHop(host, false, FetchFixtures.LOOPBACK_DNS))
            .isInstanceOf(AddressBlockedException.class)
            .hasMessage(message + " " + AddressPolicy.HINT);
    }

    @Test
    void namesAreCheckedOnWhatTheyResolveTo() throws Exception {
        Dns dns = fake(Map.of("internal.test", List.of(ip("127.0.0.3")),
            "mixed.test", List.of(ip("10.0.0.1"), ip("93.184.216.34")),
            "public.test", List.of(ip("93.184.216.34"))));
        Dns checked = policy.dns(dns);
        assertThatThrownBy(() -> checked.lookup("internal.test")).isInstanceOf(AddressBlockedException.class)
            .hasMessage("internal.test resolves to 127.0.0.3, a loopback address " + AddressPolicy.HINT);
        assertThat(checked.lookup("mixed.test")).containsExactly(ip("93.184.216.34"));
        assertThat(checked.lookup("public.test")).containsExactly(ip("93.184.216.34"));
        assertThatThrownBy(() -> checked.lookup("nowhere.test")).isNotInstanceOf(AddressBlockedException.class)
            .isInstanceOf(UnknownHostException.class);
    }

    @Test
    void everyLookupIsCheckedSoRebindingGainsNothing() throws Exception {
        List<InetAddress> answers = new ArrayList<>(List.of(ip("93.184.216.34"), ip("127.0.0.3")));
        Dns rebinding = h -> List.of(answers.remove(0));
        Dns checked = policy.dns(rebinding);
        assertThat(checked.lookup("rebind.test")).containsExactly(ip("93.184.216.34"));
        assertThatThrownBy(() -> checked.lookup("rebind.test")).isInstanceOf(AddressBlockedException.class)
            .hasMessageContaining("rebind.test resolves to 127.0.0.3, a loopback address");
    }

    @Test
    void configuredHostsPassAsWrittenAndOnlyThey() throws Exception {
        Dns dns = fake(Map.of("mirror.lan", List.of(ip("192.168.1.20")), "other.lan", List.of(ip("192.168.1.20"))));
        policy.allowHosts(Set.of("mirror.lan", "127.0.0.1", "[::1]", "LOCALHOST"));
        assertThat(policy.allowedHosts()).containsExactlyInAnyOrder("mirror.lan", "127.0.0.1", "::1", "localhost");
        assertThat(policy.dns(dns).lookup("mirror.lan")).containsExactly(ip("192.168.1.20"));
        assertThatThrownBy(() -> policy.dns(dns).lookup("other.lan")).isInstanceOf(AddressBlockedException.class);
        policy.checkHop("127.0.0.1", false, dns);
        policy.checkHop("::1", false, dns);
        assertThatThrownBy(() -> policy.checkHop("127.0.0.2", false, dns)).isInstanceOf(AddressBlockedException.class);

        // the socket check lets through what configured hosts are (or resolved to), nothing else
        policy.check(new InetSocketAddress(ip("127.0.0.1"), 80));
        policy.check(new InetSocketAddress(ip("192.168.1.20"), 80));
        policy.check(new InetSocketAddress(ip("93.184.216.34"), 80));
        assertThatThrownBy(() -> policy.check(new InetSocketAddress(ip("127.0.0.3"), 80)))
            .isInstanceOf(AddressBlockedException.class).hasMessage("127.0.0.3 is a loopback address " + AddressPolicy.HINT);

        // a reload that drops the mirror drops what it resolved to
        policy.allowHosts(Set.of("127.0.0.1"));
        assertThatThrownBy(() -> policy.dns(dns).lookup("mirror.lan")).isInstanceOf(AddressBlockedException.class);
        assertThatThrownBy(() -> policy.check(new InetSocketAddress(ip("192.168.1.20"), 80)))
            .isInstanceOf(AddressBlockedException.class);
        policy.check(new InetSocketAddress(ip("127.0.0.1"), 80));
    }

    @Test
    void throughAProxyTheNameIsResolvedHereFirst() throws Exception {
        Dns dns = fake(Map.of("internal.test", List.of(ip("93.184.216.34"), ip("10.0.0.1")),
            "public.test", List.of(ip("93.184.216.34"))));
        // any refused address refuses the name: the proxy may pick either
        assertThatThrownBy(() -> policy.checkHop("internal.test", true, dns)).isInstanceOf(AddressBlockedException.class)
            .hasMessage("internal.test resolves to 10.0.0.1, a private address " + AddressPolicy.HINT);
        policy.checkHop("public.test", true, dns);
        policy.checkHop("only-the-proxy-knows.test", true, dns); // unknown here: the proxy resolves it
        assertThatThrownBy(() -> policy.checkHop("127.0.0.3", true, dns)).isInstanceOf(AddressBlockedException.class);
    }

    @Test
    void inetAtonReadsAsTheCLibraryDoes() {
        assertThat(AddressPolicy.inetAton("1.2.3.4".split("\\."))).hasToString("/1.2.3.4");
        assertThat(AddressPolicy.inetAton("0x01020304".split("\\."))).hasToString("/1.2.3.4");
        assertThat(AddressPolicy.inetAton("1.0x20304".split("\\."))).hasToString("/1.2.3.4");
        assertThat(AddressPolicy.inetAton("01.02.03.04".split("\\."))).hasToString("/1.2.3.4");
        assertThat(AddressPolicy.inetAton("256.1.1.1".split("\\."))).isNull();
        assertThat(AddressPolicy.inetAton("1.2.3.4.5".split("\\."))).isNull();
        assertThat(AddressPolicy.inetAton("09".split("\\."))).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/8|10.0.0.0/8",
        "192.168.1.20|192.168.1.20/32",
        "fd00::/8|fd00:0:0:0:0:0:0:0/8",
        "::1|0:0:0:0:0:0:0:1/128",
    })
    void cidrsParse(String text, String canonical) {
        assertThat(Cidr.parse(text)).hasToString(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.1/8|'10.0.0.1/8' has bits set after the prefix; did you mean 10.0.0.0/8?",
        "10.0.0.0/33|'10.0.0.0/33': the prefix length must be 0 to 32",
        "intranet.lan/24|'intranet.lan/24' is not an address range like 10.0.0.0/8 or fd00::/8",
        "10.0.0/8|'10.0.0/8' is not an address range like 10.0.0.0/8 or fd00::/8",
        "fd00::/x|'fd00::/x': the prefix length must be 0 to 128",
    })
    void badCidrsSayWhy(String text, String message) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    private static Dns fake(Map<String, List<InetAddress>> names) {
        return h -> {
            List<InetAddress> a = names.get(h);
            if (a == null) throw new UnknownHostException(h);
            return a;
        };
    }
}
