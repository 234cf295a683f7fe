package dev.attend.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DNS-rebinding protection: only this server's own address in Host and Origin. */
class HostGuardTest {
    private final HostGuard loopback = new HostGuard("127.0.0.1", () -> 7860);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:7860", "localhost:7860", "LOCALHOST:7860", "[::1]:7860"})
    void aLoopbackServerAnswersToItsLoopbackNames(String host) {
        assertThatCode(() -> loopback.check(host, null)).doesNotThrowAnyException();
        assertThatCode(() -> loopback.check(host, "http://" + host)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example:7860", "127.0.0.1.evil.example:7860", "127.0.0.1:7861", "127.0.0.1",
            "localhost", "192.168.1.2:7860", "", "127.0.0.1:7860@evil.example", "[::1]"})
    void otherHostsAreRefused(String host) {
        assertThatThrownBy(() -> loopback.check(host, null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(403));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example", "http://evil.example:7860", "https://127.0.0.1:7860", "null",
            "http://127.0.0.1:7861", "http://127.0.0.1:7860/path", "file://", "http://user@127.0.0.1:7860"})
    void otherOriginsAreRefused(String origin) {
        assertThatThrownBy(() -> loopback.check("127.0.0.1:7860", origin)).isInstanceOf(ApiException.class);
    }

    @Test
    void aMissingHostIsRefused() {
        assertThatThrownBy(() -> loopback.check(null, null)).isInstanceOf(ApiException.class);
    }

    @Test
    void aServerOnAllInterfacesAnswersToAddressesButNotNames() {
        HostGuard everywhere = new HostGuard("0.0.0.0", () -> 8000);
        assertThatCode(() -> everywhere.check("192.168.1.20:8000", "http://192.168.1.20:8000")).doesNotThrowAnyException();
        assertThatCode(() -> everywhere.check("[fe80::1]:8000", null)).doesNotThrowAnyException();
        assertThatCode(() -> everywhere.check("localhost:8000", null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> everywhere.check("rebound.example:8000", null)).isInstanceOf(ApiException.class);
    }

    @Test
    void aServerOnANameAnswersToThatName() {
        HostGuard named = new HostGuard("box.lan", () -> 80);
        assertThatCode(() -> named.check("box.lan", "http://box.lan")).doesNotThrowAnyException();
        assertThatCode(() -> named.check("BOX.lan:80", null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> named.check("127.0.0.1", null)).isInstanceOf(ApiException.class);
    }

    @Test
    void theServerRefusesForeignHostsAndOriginsWith403() {
        TestServer web = TestServer.shared();
        int port = web.server.port();
        String self = "Host: 127.0.0.1:" + port;
        for (String path : new String[] {"/", "/app/api.js", "/vendor/d3.min.js", "/api/health", "/api/models"}) {
            String refused = RawHttp.request(port, "GET", path, "Host: attacker.example:" + port);
            assertThat(RawHttp.status(refused)).as(path).isEqualTo(403);
            assertThat(refused).contains("\"error\"");
            assertThat(RawHttp.status(RawHttp.request(port, "GET", path, self, "Origin: http://attacker.example")))
                    .as(path).isEqualTo(403);
            assertThat(RawHttp.status(RawHttp.request(port, "GET", path, "Host: localhost:" + port,
                    "Origin: http://localhost:" + port))).as(path).isEqualTo(200);
        }
        String post = RawHttp.request(port, "POST", "/api/trace", self, "Origin: http://attacker.example",
                "Content-Type: text/plain", "Content-Length: 15\r\n\r\n{\"text\":\"hi\"}  ");
        assertThat(RawHttp.status(post)).isEqualTo(403);
    }
}
