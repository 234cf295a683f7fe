package dev.attend.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class StaticAssetsTest {
    private final TestServer web = TestServer.shared();

    @Test
    void servesD3FromItsWebJar() throws IOException {
        HttpResponse<byte[]> response = web.get("/vendor/d3.min.js");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(response.body()).isEqualTo(resource(StaticAssets.D3_RESOURCE));
    }

    @Test
    void servesTheFrontEndModulesAsJavaScript() throws IOException {
        HttpResponse<byte[]> response = web.get("/app/api.js");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(response.body()).isEqualTo(resource("web/app/api.js"));
    }

    @Test
    void servesThePageAtTheRoot() throws IOException {
        HttpResponse<byte[]> response = web.get("/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(response.body()).isEqualTo(resource("web/index.html"));
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/app/../../etc/passwd", "/../../../../etc/passwd", "/app/..%2f..%2f..%2fetc%2fpasswd",
            "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/app/%2e%2e/%2e%2e/dev/attend/web/AttendServer.class",
            "/../dev/attend/web/AttendServer.class", "/..%2fMETA-INF/MANIFEST.MF", "/vendor/../../pom.xml",
            "/app/..\\..\\..\\etc\\passwd", "/file:/etc/passwd", "//etc/passwd", "/app//../../etc/passwd"})
    void noPathLeavesTheFrontEndFolder(String path) {
        String response = RawHttp.request(web.server.port(), "GET", path, "Host: 127.0.0.1:" + web.server.port());
        assertThat(RawHttp.status(response)).isIn(400, 404);
        assertThat(response).doesNotContain("root:").doesNotContain("CAFEBABE").doesNotContain("Manifest-Version")
                .doesNotContain("<project");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = StaticAssetsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
