package io.pbxhub.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.pbxhub.testsupport.esl.EslSimulator;
import io.pbxhub.testsupport.esl.SimulatedCall;
import io.pbxhub.testsupport.fusionpbx.FusionPbxDatabase;
import io.pbxhub.testsupport.kafka.KafkaBroker;
import io.pbxhub.testsupport.postgres.PostgresServer;

/**
 * The whole suite on one machine without Docker: a real Kafka broker, PostgreSQL (local server or embedded), the
 * FreeSWITCH ESL simulator, and the five packaged services as separate JVMs. {@link #main} is the README's run
 * command; the end-to-end tests start it on free ports.
 */
public final class LocalSuite implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalSuite.class);
    public static final String ESL_PASSWORD_PROPERTY = "pbxhub.demo.esl-password";
    static final String SERVICE_TOKEN = "local-suite-internal-token";
    /** The local suite's own secrets key: a demo on one machine, never a production key. */
    static final String LOCAL_SECRETS_KEY = "bG9jYWwtc3VpdGUta2V5LW5vdC1mb3ItcHJvZC11c2U=";

    /** Ports of everything; 0 means a free one. */
    public record Ports(int kafka, int esl, int gateway, int instance, int eslIngest, int sync, int billing) {

        public static Ports standard() {
            return new Ports(9092, 8021, 8080, 8081, 8082, 8083, 8084);
        }

        public static Ports free() {
            return new Ports(0, 0, freePort(), freePort(), freePort(), freePort(), freePort());
        }
    }

    private final KafkaBroker kafka;
    private final EslSimulator simulator;
    private final List<ServiceProcess> services;
    private final String gatewayUrl;

    private LocalSuite(KafkaBroker kafka, EslSimulator simulator, List<ServiceProcess> services, String gatewayUrl) {
        this.kafka = kafka;
        this.simulator = simulator;
        this.services = services;
        this.gatewayUrl = gatewayUrl;
    }

    /**
     * Starts everything and waits until every service is ready. {@code databasePrefix} names the databases
     * ({@code <prefix>_instance}, …); {@code fresh} drops them first, for tests that need an empty start.
     */
    public static LocalSuite start(Path root, Ports ports, String databasePrefix, boolean fresh, String eslPassword) {
        Path logs = root.resolve("system-tests/target/suite-logs");
        KafkaBroker kafka = KafkaBroker.start(ports.kafka());
        EslSimulator simulator = EslSimulator.start(EslSimulator.Options.defaults().password(eslPassword)
                .port(ports.esl()));
        PostgresServer pg = PostgresServer.locate();
        List<ServiceProcess> started = new ArrayList<>();
        try {
            Map<String, Integer> modules = Map.of(
                    "instance-service", ports.instance(),
                    "esl-ingest-service", ports.eslIngest(),
                    "sync-service", ports.sync(),
                    "cdr-billing-service", ports.billing(),
                    "gateway", ports.gateway());
            for (var module : modules.entrySet()) {
                String db = databasePrefix + "_" + module.getKey().replace("-service", "").replace('-', '_');
                Map<String, String> config = new HashMap<>();
                config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
                config.put("quarkus.datasource.jdbc.url", fresh ? pg.freshDatabase(db) : pg.database(db));
                config.put("quarkus.datasource.username", pg.user());
                config.put("quarkus.datasource.password", pg.password());
                config.put("pbxhub.internal.service-token", SERVICE_TOKEN);
                config.put("pbxhub.secrets.keys.local", LOCAL_SECRETS_KEY);
                config.put("pbxhub.secrets.active-key", "local");
                config.put("pbxhub.instance-service.url", "http://127.0.0.1:" + ports.instance());
                config.put("pbxhub.gateway.services.instance.url", "http://127.0.0.1:" + ports.instance());
                config.put("pbxhub.gateway.services.esl.url", "http://127.0.0.1:" + ports.eslIngest());
                config.put("pbxhub.gateway.services.sync.url", "http://127.0.0.1:" + ports.sync());
                config.put("pbxhub.gateway.services.billing.url", "http://127.0.0.1:" + ports.billing());
                started.add(ServiceProcess.start(root, module.getKey(), module.getValue(), config, logs));
            }
            for (ServiceProcess s : started) {
                s.awaitReady(Duration.ofSeconds(120));
                LOG.infof("%s ready at %s", s.name(), s.url());
            }
        } catch (RuntimeException e) {
            started.forEach(ServiceProcess::close);
            simulator.close();
            kafka.close();
            throw e;
        }
        return new LocalSuite(kafka, simulator, started, "http://127.0.0.1:" + ports.gateway());
    }

    public String gatewayUrl() {
        return gatewayUrl;
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    public EslSimulator simulator() {
        return simulator;
    }

    public List<ServiceProcess> services() {
        return services;
    }

    @Override
    public void close() {
        services.forEach(ServiceProcess::close);
        simulator.close();
        kafka.close();
    }

    /** The README's run command: a fresh suite on the standard ports with a demo PBX placing calls. */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("pbxhub.root", ".")).toAbsolutePath().normalize();
        String eslPassword = System.getProperty(ESL_PASSWORD_PROPERTY, "ClueCon");
        // The broker keeps nothing between runs, so neither do the databases: every start is a clean demo.
        LocalSuite suite = start(root, Ports.standard(), "pbxhub", true, eslPassword);
        Runtime.getRuntime().addShutdownHook(new Thread(suite::close));
        suite.seedDemo(eslPassword);
        ScheduledExecutorService calls = Executors.newSingleThreadScheduledExecutor();
        calls.scheduleAtFixedRate(() -> suite.simulator().play(randomCall()), 5, 10, TimeUnit.SECONDS);
        LOG.infof("""

                PBX Hub is running.
                  API gateway     %s/api/v1/instances   (also /api/v1/cdrs, /api/v1/rate-decks/default/entries)
                  Swagger UI      http://127.0.0.1:8081/q/swagger-ui (each service on 8081-8084)
                  Kafka           %s
                  ESL simulator   127.0.0.1:%d (password %s), placing a call every 10 s
                  Logs            %s
                Ctrl-C stops everything.""", suite.gatewayUrl(), suite.kafkaBootstrap(), suite.simulator().port(),
                eslPassword, root.resolve("system-tests/target/suite-logs"));
        Thread.currentThread().join();
    }

    /**
     * Registers a demo FusionPBX (the ESL simulator plus a database with the real FusionPBX schema) and gives the
     * default rate deck a few prefixes.
     */
    void seedDemo(String eslPassword) throws IOException, InterruptedException {
        FusionPbxDatabase fusion = FusionPbxDatabase.create("fusionpbx_demo");
        fusion.addDomain("demo.pbxhub.local");
        post("/api/v1/rate-decks/default/entries",
                "{\"prefix\":\"61\",\"rate_per_minute\":\"0.10\",\"connect_fee\":\"0\",\"first_increment\":60,"
                        + "\"next_increment\":60,\"min_duration\":0}");
        post("/api/v1/rate-decks/default/entries",
                "{\"prefix\":\"1300\",\"rate_per_minute\":\"0.25\",\"connect_fee\":\"0.10\",\"first_increment\":30,"
                        + "\"next_increment\":6,\"min_duration\":0}");
        post("/api/v1/instances", """
                {"name":"Demo FusionPBX","hostname":"demo.pbxhub.local","tenant_id":"demo",
                 "database":{"host":"%s","port":%d,"name":"%s","username":"%s","password":"%s"},
                 "esl":{"host":"127.0.0.1","port":%d,"password":"%s"}}""".formatted(fusion.host(), fusion.port(),
                fusion.name(), fusion.user(), fusion.password(), simulator.port(), eslPassword));
    }

    private void post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        LOG.infof("POST %s -> %d", path, r.statusCode());
    }

    private static SimulatedCall randomCall() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        String from = "10" + String.format("%02d", rnd.nextInt(1, 11));
        String to = rnd.nextBoolean()
                ? "612" + (90000000 + rnd.nextInt(9999999))
                : "1300" + (100000 + rnd.nextInt(899999));
        return rnd.nextInt(5) == 0
                ? SimulatedCall.unanswered(from, to, "demo.pbxhub.local", "NO_ANSWER")
                : SimulatedCall.answered(from, to, "demo.pbxhub.local", rnd.nextInt(5, 400));
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
