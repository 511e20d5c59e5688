package io.pbxhub.esl;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the live stream over real HTTP as a dashboard does: every {@code data:} line's JSON, in arrival order. */
final class LiveStreamClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LiveStreamClient() {
    }

    /** Opens the stream and collects what it carries; returns once the response has begun. */
    static List<JsonNode> open(String query) throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + "/api/v1/stream?" + query))
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/event-stream"));
        Thread reader = new Thread(() -> response.body().filter(l -> l.startsWith("data:")).forEach(l -> {
            try {
                received.add(JSON.readTree(l.substring(5).trim()));
            } catch (Exception e) {
                received.add(JSON.createObjectNode().put("unparsable", l));
            }
        }));
        reader.setDaemon(true);
        reader.start();
        return received;
    }
}
