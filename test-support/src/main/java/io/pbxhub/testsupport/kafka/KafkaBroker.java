package io.pbxhub.testsupport.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Time;
import org.jboss.logging.Logger;

import io.pbxhub.contracts.Topics;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one) running inside this JVM on free loopback
 * ports. Starts in about three seconds, so tests and the local run use the real thing instead of a mock.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaBroker.class);
    private static final int PARTITIONS = 3;

    private final Path logDir;
    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private KafkaBroker(Path logDir, KafkaRaftServer server, String bootstrapServers) {
        this.logDir = logDir;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker with a fresh log directory on free ports. */
    public static KafkaBroker start() {
        return start(0);
    }

    /** Starts a broker listening for clients on {@code port} (0 picks a free one). */
    public static KafkaBroker start(int port) {
        try {
            Path dir = Files.createTempDirectory("pbxhub-kafka-");
            int brokerPort = port == 0 ? freePort() : port;
            int controllerPort = freePort();
            Properties props = brokerProperties(dir, brokerPort, controllerPort);
            Path config = dir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(config)) {
                props.store(w, "PBX Hub test broker");
            }
            format(config);
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            String bootstrap = "127.0.0.1:" + brokerPort;
            awaitListening(brokerPort, Duration.ofSeconds(30));
            createTopics(bootstrap);
            LOG.infof("Kafka broker (KRaft, in-JVM) ready at %s, logs in %s", bootstrap, dir);
            return new KafkaBroker(dir, server, bootstrap);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        deleteQuietly(logDir);
    }

    private static Properties brokerProperties(Path dir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.resolve("data").toString());
        p.put("num.partitions", Integer.toString(PARTITIONS));
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        // Tests create consumer groups constantly; the default 3 s delay would slow every first poll.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.flush.interval.messages", "1000000");
        return p;
    }

    /**
     * Creates the suite's topics and waits until every partition has its leader, as a deployment provisions them
     * before the services start. Left to auto-creation, the first producer and the first test consumer race to
     * create a topic, and records sent while its partitions are still being created can stall in the producer.
     */
    private static void createTopics(String bootstrap) {
        try (Admin admin = Admin
                .create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(Topics.ALL.stream().map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList()).all()
                    .get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!allLed(admin)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the suite's topics have no leader after 30 s");
                }
                sleep(50);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the suite's topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the suite's topics", e);
        }
    }

    private static boolean allLed(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        return admin.describeTopics(Topics.ALL).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                .flatMap(d -> d.partitions().stream()).allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    }

    private static void format(Path config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = StorageTool.execute(new String[]{"format", "-t", clusterId(), "-c", config.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("kafka storage format failed: " + out.toString(StandardCharsets.UTF_8));
        }
    }

    private static String clusterId() {
        return org.apache.kafka.common.Uuid.randomUuid().toString();
    }

    private static void awaitListening(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new IllegalStateException("Kafka broker did not listen on port " + port + " within " + timeout);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    /** Runs a broker until the process is stopped: {@code java ... KafkaBroker [port]}. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
        KafkaBroker broker = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        LOG.infof("KAFKA_BOOTSTRAP=%s", broker.bootstrapServers());
        Thread.currentThread().join();
    }
}
