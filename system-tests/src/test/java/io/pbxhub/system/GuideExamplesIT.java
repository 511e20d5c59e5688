package io.pbxhub.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The billing guide's shell examples, as a reader would run them: every {@code bash} block of docs/billing.md in order,
 * through bash and curl, against the whole suite behind the gateway (the guide's {@code localhost:8080}). A block
 * passes when every request in it gets a 2xx answer; blocks with a placeholder to fill in ({@code <cdr_uuid>}) are
 * skipped.
 */
class GuideExamplesIT {

    private static final Pattern BASH_BLOCK = Pattern.compile("(?s)```bash\\n(.*?)```");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[a-z_]+>");

    static LocalSuite suite;
    static Path root;

    @BeforeAll
    static void startSuite() {
        root = Path.of(System.getProperty("pbxhub.root", "..")).toAbsolutePath().normalize();
        suite = LocalSuite.start(root, LocalSuite.Ports.free(), "pbxhub_guide", true,
                "Guide-" + UUID.randomUUID());
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void everyExampleOfTheBillingGuideRunsThroughTheGateway() throws Exception {
        String guide = Files.readString(root.resolve("docs/billing.md"));
        String gateway = suite.gatewayUrl().replaceFirst("^http://", "");
        Path workDir = Files.createTempDirectory("billing-guide");
        List<String> ran = new ArrayList<>();
        Matcher block = BASH_BLOCK.matcher(guide);
        while (block.find()) {
            String script = block.group(1);
            if (PLACEHOLDER.matcher(script).find()) {
                continue;
            }
            Result result = bash(workDir, script.replace("localhost:8080", gateway));
            assertThat(result.exit()).as("block at line %d:%n%s%noutput:%n%s", lineOf(guide, block.start()), script,
                    result.output()).isZero();
            ran.add(result.output());
        }
        assertThat(ran).as("the guide's blocks that ran").hasSizeGreaterThan(10);
    }

    private record Result(int exit, String output) {
    }

    /**
     * Runs one block with curl failing on any answer that is not 2xx (and printing its body), and stopping at the
     * first failure, as {@code set -e} does.
     */
    private static Result bash(Path workDir, String script) throws IOException, InterruptedException {
        String prelude = "set -eo pipefail\nshopt -s inherit_errexit\n"
                + "curl() { command curl --fail-with-body --show-error \"$@\" || return; echo; }\n";
        Process p = new ProcessBuilder("bash", "-c", prelude + script).directory(workDir.toFile())
                .redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static int lineOf(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }
}
