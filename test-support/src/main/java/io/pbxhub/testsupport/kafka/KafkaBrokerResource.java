package io.pbxhub.testsupport.kafka;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker. Uses {@code PBXHUB_TEST_KAFKA_BOOTSTRAP} when set (a broker you run
 * yourself), else starts one in this JVM. Register with
 * {@code @WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)} so a module boots it
 * once.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    public static final String BOOTSTRAP_ENV = "PBXHUB_TEST_KAFKA_BOOTSTRAP";
    /** Set by the Maven profile {@code docker}: Dev Services start the real parts in containers instead. */
    public static final String DEVSERVICES_PROPERTY = "pbxhub.test.devservices";

    private static KafkaBroker broker;

    @Override
    public synchronized Map<String, String> start() {
        if (Boolean.getBoolean(DEVSERVICES_PROPERTY)) {
            return Map.of(); // Dev Services (Testcontainers) provide Kafka
        }
        String configured = System.getenv(BOOTSTRAP_ENV);
        String bootstrap = configured != null && !configured.isBlank() ? configured : shared().bootstrapServers();
        return Map.of("kafka.bootstrap.servers", bootstrap);
    }

    /** The broker of this JVM, started on first use; tests that need a bootstrap address outside Quarkus use it. */
    public static synchronized KafkaBroker shared() {
        if (broker == null) {
            broker = KafkaBroker.start();
            Runtime.getRuntime().addShutdownHook(new Thread(KafkaBrokerResource::stopShared));
        }
        return broker;
    }

    @Override
    public void stop() {
        // The broker lives as long as the JVM: later test classes of the module reuse it.
    }

    private static synchronized void stopShared() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
