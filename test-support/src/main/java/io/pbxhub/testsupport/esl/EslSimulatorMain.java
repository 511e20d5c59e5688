package io.pbxhub.testsupport.esl;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * Runs the simulator on its own for the local demo until the process is killed, playing random calls from extensions
 * 1001-1010 to Australian national numbers at a steady rate:
 *
 * <pre>
 * java -cp ... io.pbxhub.testsupport.esl.EslSimulatorMain --port 8021 --password ClueCon \
 *     --calls-per-minute 6 --domain demo.pbxhub.local [--host 127.0.0.1] [--heartbeat-seconds 20]
 * </pre>
 *
 * For the load harness, {@code --calls-per-second 250} (fractions allowed) replaces {@code --calls-per-minute} and
 * plays calls without logging each one.
 */
public final class EslSimulatorMain {

    private static final Logger LOG = Logger.getLogger(EslSimulatorMain.class);
    private static final String[] UNANSWERED_CAUSES = {"NO_ANSWER", "USER_BUSY", "ORIGINATOR_CANCEL"};
    private static final String USAGE = "usage: EslSimulatorMain [--host 127.0.0.1] [--port 8021] [--password ClueCon]"
            + " [--calls-per-minute 6 | --calls-per-second 0.1] [--domain demo.pbxhub.local] [--heartbeat-seconds 20]";

    private EslSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            LOG.error(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        EslSimulator simulator = EslSimulator.start(EslSimulator.Options.defaults().host(settings.host())
                .port(settings.port()).password(settings.password()).heartbeatSeconds(settings.heartbeatSeconds()));
        ScheduledExecutorService calls = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "esl-sim-calls");
            t.setDaemon(true);
            return t;
        });
        CallGenerator generator = new CallGenerator(new Random(), settings.domain());
        if (settings.callsPerSecond() > 0) {
            simulator.startLoad(settings.callsPerSecond(), settings.domain());
        } else if (settings.callsPerMinute() > 0) {
            long periodMillis = Math.max(1, 60_000L / settings.callsPerMinute());
            calls.scheduleAtFixedRate(() -> playOne(simulator, generator), periodMillis, periodMillis,
                    TimeUnit.MILLISECONDS);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            calls.shutdownNow();
            simulator.close();
            stopped.countDown();
        }, "esl-sim-shutdown"));
        LOG.infof("Playing %s call(s) per %s for domain %s; stop with Ctrl-C",
                settings.callsPerSecond() > 0 ? settings.callsPerSecond() : settings.callsPerMinute(),
                settings.callsPerSecond() > 0 ? "second" : "minute", settings.domain());
        stopped.await();
    }

    private static void playOne(EslSimulator simulator, CallGenerator generator) {
        try {
            SimulatedCall call = generator.next();
            simulator.play(call);
            LOG.infof("Played %s call %s -> %s (%s, billsec %d), %d ESL session(s) open",
                    call.answered() ? "answered" : "unanswered", call.callerIdNumber(), call.destinationNumber(),
                    call.hangupCause(), call.billsec(), simulator.sessions());
        } catch (RuntimeException e) {
            // a failed call must not cancel the schedule
            LOG.error("could not play a simulated call", e);
        }
    }

    /** Random calls: 70 % answered for 5 s to 10 min, the rest busy, not answered or cancelled. */
    static final class CallGenerator {

        private final Random random;
        private final String domain;

        CallGenerator(Random random, String domain) {
            this.random = random;
            this.domain = domain;
        }

        SimulatedCall next() {
            String from = Integer.toString(1001 + random.nextInt(10));
            String to = nationalNumber();
            if (random.nextInt(10) < 7) {
                return SimulatedCall.answered(from, to, domain, 5 + random.nextInt(596));
            }
            return SimulatedCall.unanswered(from, to, domain,
                    UNANSWERED_CAUSES[random.nextInt(UNANSWERED_CAUSES.length)]);
        }

        /** 61 + area code + 8 digits, or a 1800/1300 number. */
        private String nationalNumber() {
            return switch (random.nextInt(4)) {
                case 0 -> "1800" + digits(6);
                case 1 -> "1300" + digits(6);
                default -> "61" + "2378".charAt(random.nextInt(4)) + digits(8);
            };
        }

        private String digits(int count) {
            StringBuilder s = new StringBuilder(count);
            for (int i = 0; i < count; i++) {
                s.append(random.nextInt(10));
            }
            return s.toString();
        }
    }

    record Settings(String host, int port, String password, int callsPerMinute, String domain,
            double callsPerSecond, int heartbeatSeconds) {

        static Settings parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                String name = args[i].toLowerCase(Locale.ROOT);
                if (!name.startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value, got '" + args[i] + "'");
                }
                values.put(name.substring(2), args[++i]);
            }
            Settings s = new Settings(values.getOrDefault("host", "127.0.0.1"),
                    integer(values, "port", 8021), values.getOrDefault("password", "ClueCon"),
                    integer(values, "calls-per-minute", 6), values.getOrDefault("domain", "demo.pbxhub.local"),
                    decimal(values, "calls-per-second"), integer(values, "heartbeat-seconds", 0));
            values.keySet().removeAll(Set.of("host", "port", "password", "calls-per-minute", "domain",
                    "calls-per-second", "heartbeat-seconds"));
            if (!values.isEmpty()) {
                throw new IllegalArgumentException("unknown option(s) " + values.keySet());
            }
            if (s.callsPerMinute() < 0 || s.callsPerMinute() > 60_000) {
                throw new IllegalArgumentException("--calls-per-minute must be 0..60000");
            }
            if (!(s.callsPerSecond() >= 0) || s.callsPerSecond() > EslSimulator.MAX_CALLS_PER_SECOND) {
                throw new IllegalArgumentException(
                        "--calls-per-second must be 0.." + EslSimulator.MAX_CALLS_PER_SECOND);
            }
            if (s.heartbeatSeconds() < 0) {
                throw new IllegalArgumentException("--heartbeat-seconds must not be negative");
            }
            return s;
        }

        private static double decimal(Map<String, String> values, String name) {
            String value = values.get(name);
            try {
                return value == null ? 0 : Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a number, not '" + value + "'", e);
            }
        }

        private static int integer(Map<String, String> values, String name, int fallback) {
            String value = values.get(name);
            try {
                return value == null ? fallback : Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a number, not '" + value + "'", e);
            }
        }
    }
}
