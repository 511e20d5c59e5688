package io.pbxhub.testsupport.esl;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pbxhub.testsupport.esl.EslTestClient.Frame;

import static org.assertj.core.api.Assertions.assertThat;

/** Registrations (CUSTOM sofia::register/unregister and the api commands listing them), originate, HEARTBEAT. */
class RegistrationsTest {

    private static final String DOMAIN = "pbx.example.com";
    private static final String SOFIA = "event plain CUSTOM sofia::register sofia::unregister";

    private EslSimulator sim;

    @BeforeEach
    void start() {
        sim = EslSimulator.start(EslSimulator.Options.defaults().heartbeatSeconds(1));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void registerFiresSofiaRegisterWithTheCurrentFieldNames() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", SOFIA)) {
            sim.register("1001", DOMAIN, "127.0.0.1", 5062, "Yealink SIP-T46S 66.86.0.15");

            Frame frame = client.read();
            assertThat(Integer.parseInt(frame.header("Content-Length"))).isEqualTo(frame.body().length);
            assertThat(frame.bodyText()).startsWith("Event-Subclass: sofia%3A%3Aregister\nEvent-Name: CUSTOM\n")
                    .endsWith("\n\n").doesNotContain("statusd");
            assertThat(frame.rawEventHeaders()).containsEntry("status", "Registered(UDP)")
                    .containsEntry("user-agent", "Yealink%20SIP-T46S%2066.86.0.15")
                    .containsEntry("contact", "%221001%22%20%3Csip%3A1001%40127.0.0.1%3A5062%3E")
                    .containsEntry("network-ip", "127.0.0.1").containsEntry("network-port", "5062")
                    .containsEntry("from-user", "1001").containsEntry("from-host", DOMAIN)
                    .containsEntry("realm", DOMAIN).containsEntry("profile-name", "internal")
                    .containsEntry("expires", "3600").containsEntry("update-reg", "false")
                    .containsEntry("Core-UUID", sim.coreUuid());

            sim.register("1001", DOMAIN, "127.0.0.1", 5062, "Yealink SIP-T46S 66.86.0.15");
            assertThat(client.read().event("update-reg")).as("a refresh").isEqualTo("true");

            sim.unregister("1001", DOMAIN);
            Frame gone = client.read();
            assertThat(gone.event("Event-Subclass")).isEqualTo("sofia::unregister");
            assertThat(gone.event("expires")).isEqualTo("0");
            assertThat(sim.registered("1001", DOMAIN)).isFalse();
            sim.unregister("1001", DOMAIN);
            assertThat(client.nextAfterRoundTrip().header("Content-Type")).as("unknown phones fire nothing")
                    .isEqualTo("api/response");
        }
    }

    @Test
    void aSubscriberOfOtherSubclassesDoesNotGetRegistrations() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain CUSTOM sofia::expire")) {
            sim.register("1001", DOMAIN, "127.0.0.1", 5062, "Zoiper");
            assertThat(client.nextAfterRoundTrip().header("Content-Type")).isEqualTo("api/response");
        }
    }

    @Test
    void showRegistrationsListsThePhonesAsTheCoreDbDoes() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", null)) {
            client.send("api show registrations");
            assertThat(client.read().bodyText()).isEqualTo("\n0 total.\n");

            sim.register("1001", DOMAIN, "127.0.0.1", 5062, "Zoiper");
            sim.register("1002", DOMAIN, "127.0.0.1", 5064, "Linphone");
            client.send("api show registrations");
            String[] lines = client.read().bodyText().split("\n", -1);

            assertThat(lines).hasSize(6);
            assertThat(lines[0])
                    .isEqualTo(
                            "reg_user,realm,token,url,expires,network_ip,network_port,network_proto,hostname,metadata");
            assertThat(lines[1]).matches("1001,pbx\\.example\\.com,[^,]+@127\\.0\\.0\\.1,"
                    + "sofia/internal/sip:1001@127\\.0\\.0\\.1:5062,\\d{10},127\\.0\\.0\\.1,5062,udp,[^,]+,");
            assertThat(lines[2]).startsWith("1002,pbx.example.com,");
            assertThat(lines[3]).isEmpty();
            assertThat(lines[4]).isEqualTo("2 total.");
        }
    }

    @Test
    void sofiaStatusProfileInternalRegPrintsOneBlockPerRegistration() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", null)) {
            sim.register("1001", DOMAIN, "127.0.0.1", 5062, "Zoiper rv2.10");
            client.send("api sofia status profile internal reg");
            String out = client.read().bodyText();

            String line = "=".repeat(97);
            assertThat(out).startsWith("\nRegistrations:\n" + line + "\nCall-ID:    \t")
                    .contains("\nUser:       \t1001@pbx.example.com\n")
                    .contains("\nContact:    \t\"1001\" <sip:1001@127.0.0.1:5062>\n")
                    .contains("\nAgent:      \tZoiper rv2.10\n")
                    .containsPattern("\nStatus:     \tRegistered\\(UDP\\)\\(unknown\\) EXP\\(\\d{4}-\\d\\d-\\d\\d "
                            + "\\d\\d:\\d\\d:\\d\\d\\) EXPSECS\\(3[56]\\d\\d\\)\n")
                    .contains("\nIP:         \t127.0.0.1\nPort:       \t5062\n")
                    .contains("\nAuth-User:  \t1001\nAuth-Realm: \tpbx.example.com\n")
                    .endsWith("\nMWI-Account:\t1001@pbx.example.com\n\nTotal items returned: 1\n" + line + "\n");

            client.send("api sofia status profile external reg");
            assertThat(client.read().bodyText()).isEqualTo("Invalid Profile [external]\n");
        }
    }

    @Test
    void listUsersPrintsTheDirectoryWithEachRegisteredUsersContact() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", null)) {
            sim.addUser("1000", DOMAIN);
            sim.register("1001", DOMAIN, "127.0.0.1", 5062, "Zoiper");
            sim.register("1002", DOMAIN, "127.0.0.1", 5064, "Zoiper");
            sim.unregister("1002", DOMAIN);
            client.send("api list_users");

            assertThat(client.read().bodyText()).isEqualTo(
                    "userid|context|domain|group|contact|callgroup|effective_caller_id_name|effective_caller_id_number\n"
                            + "1000|pbx.example.com|pbx.example.com|default|error/user_not_registered||Extension 1000|1000\n"
                            + "1001|pbx.example.com|pbx.example.com|default|sofia/internal/sip:1001@127.0.0.1:5062||Extension 1001|1001\n"
                            + "1002|pbx.example.com|pbx.example.com|default|error/user_not_registered||Extension 1002|1002\n"
                            + "\n+OK\n");
        }
    }

    @Test
    void aCommandOfAnUnloadedModuleIsNotFoundUntilFaultsAreCleared() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", null)) {
            sim.unloadApi("sofia");
            client.send("api sofia status profile internal reg");
            assertThat(client.read().bodyText()).isEqualTo("-ERR sofia Command not found!\n");
            client.send("api version");
            assertThat(client.read().bodyText()).startsWith("FreeSWITCH Version ");

            sim.clearFaults();
            client.send("api sofia status profile internal reg");
            assertThat(client.read().bodyText()).startsWith("\nRegistrations:\n");
        }
    }

    @Test
    void bgapiOriginateToARegisteredExtensionStartsACallAndReportsItsUuid() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon",
                "event plain BACKGROUND_JOB CHANNEL_CREATE")) {
            client.send("bgapi originate {origination_caller_id_name=Click to dial}user/1001@" + DOMAIN
                    + " 61291234567 XML " + DOMAIN);
            client.read();
            assertThat(client.read().bodyText()).as("not registered").endsWith("\n\n-ERR USER_NOT_REGISTERED\n");

            sim.register("1001", DOMAIN, "127.0.0.1", 5062, "Zoiper");
            client.send("bgapi originate {origination_uuid=6e0c1d33-4c1a-4e8e-9f4b-0a1b2c3d4e5f}user/1001@" + DOMAIN
                    + " 61291234567 XML " + DOMAIN);
            String job = client.read().header("Job-UUID");
            Frame aCreate = client.read();
            assertThat(aCreate.event("Event-Name")).isEqualTo("CHANNEL_CREATE");
            assertThat(aCreate.event("Unique-ID")).isEqualTo("6e0c1d33-4c1a-4e8e-9f4b-0a1b2c3d4e5f");
            assertThat(aCreate.event("Caller-Caller-ID-Number")).isEqualTo("1001");
            assertThat(aCreate.event("Caller-Destination-Number")).isEqualTo("61291234567");
            assertThat(client.read().event("Event-Name")).as("the B leg").isEqualTo("CHANNEL_CREATE");
            Frame result = client.read();
            assertThat(result.event("Job-UUID")).isEqualTo(job);
            assertThat(result.bodyText()).endsWith("\n\n+OK 6e0c1d33-4c1a-4e8e-9f4b-0a1b2c3d4e5f\n");
            assertThat(sim.callsInProgress()).isEqualTo(1);

            sim.hangup("6e0c1d33-4c1a-4e8e-9f4b-0a1b2c3d4e5f");
            assertThat(sim.callsInProgress()).isZero();
        }
    }

    @Test
    void originateWithBrokenArgumentsOrAnotherEndpointIsRefusedLikeModCommands() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", null)) {
            sim.register("1001", DOMAIN, "127.0.0.1", 5062, "Zoiper");
            client.send("api originate user/1001@" + DOMAIN);
            assertThat(client.read().bodyText()).startsWith("-USAGE: <call url> <exten>|&<application_name>");
            client.send("api originate");
            assertThat(client.read().bodyText()).startsWith("-USAGE: ");
            client.send("api originate sofia/gateway/carrier/61291234567 1001");
            assertThat(client.read().bodyText()).isEqualTo("-ERR CHAN_NOT_IMPLEMENTED\n");
            client.send("api originate user/1002@" + DOMAIN + " 1001");
            assertThat(client.read().bodyText()).isEqualTo("-ERR USER_NOT_REGISTERED\n");
            assertThat(sim.callsInProgress()).isZero();

            client.send("api originate user/1001 61291234567");
            assertThat(client.read().bodyText()).as("no domain: the extension's registration")
                    .matches("\\+OK [0-9a-f-]{36}\n");
            assertThat(sim.callsInProgress()).isEqualTo(1);
        }
    }

    @Test
    void heartbeatComesEverySecondWithTheSwitchCounters() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain HEARTBEAT")) {
            Frame beat = client.read();

            assertThat(beat.event("Event-Name")).isEqualTo("HEARTBEAT");
            assertThat(beat.event("Core-UUID")).isEqualTo(sim.coreUuid());
            assertThat(beat.rawEventHeaders()).containsEntry("Event-Info", "System%20Ready")
                    .containsEntry("FreeSWITCH-Version", "1.10.12-release~64bit")
                    .containsEntry("Session-Count", "0").containsEntry("Event-Calling-Function", "send_heartbeat");
            assertThat(beat.event("Up-Time")).matches("0 years, 0 days, 0 hours, 0 minutes, \\d+ seconds?, .*");
            long first = Long.parseLong(beat.event("Event-Date-Timestamp"));
            Frame next = client.read();
            assertThat(next.event("Event-Name")).isEqualTo("HEARTBEAT");
            assertThat(Long.parseLong(next.event("Event-Date-Timestamp")) - first).as("µs between beats")
                    .isBetween(500_000L, 3_000_000L);
            assertThat(Long.parseLong(next.event("Event-Sequence")))
                    .isGreaterThan(Long.parseLong(beat.event("Event-Sequence")));
        }
    }
}
