package io.pbxhub.instance.pbx3cx;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IpAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.10", "0.0.0.0", "255.255.255.255", "2001:db8::1", "::1", "::",
            "fe80::1:2:3:4", "2001:0db8:0000:0000:0000:ff00:0042:8329", "::ffff:192.0.2.1"})
    void addressesAreAccepted(String address) {
        assertThat(IpAddress.Validator.isIpAddress(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.0.0.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "2001:db8:::1", "2001:db8::g",
            "1:2:3:4:5:6:7:8:9", "pbx.example.com", "localhost", ":", "[::1]", "fe80::1%eth0", " 1.2.3.4",
            "1.2.3.4; drop table"})
    void anythingElseIsRefused(String address) {
        assertThat(IpAddress.Validator.isIpAddress(address)).isFalse();
    }
}
