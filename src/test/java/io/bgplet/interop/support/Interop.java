package io.bgplet.interop.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Entry checks for interop tests: root and the daemons' binaries. Without them a test is
 * skipped, unless {@code BGPLET_REQUIRE_INTEROP=1} (set by {@code .ci/run}) makes it fail,
 * so CI cannot go green by silently skipping every real-peer test.
 */
public final class Interop {
    public static final String REQUIRE_ENV = "BGPLET_REQUIRE_INTEROP";

    /** Debian's interpreter: only it can import Debian's python3-scapy. */
    public static final String SYSTEM_PYTHON = "/usr/bin/python3";

    /** Absolute paths must exist; bare names are looked up on PATH (plus /usr/sbin, /sbin). */
    private static final Map<String, List<String>> BINARIES = Map.of(
            "frr", List.of("/usr/lib/frr/bgpd", "/usr/lib/frr/zebra", "vtysh"),
            "bird", List.of("bird", "birdc"),
            "gobgp", List.of("gobgpd", "gobgp"),
            "exabgp", List.of("exabgp", SYSTEM_PYTHON, "mkfifo"),
            "scapy", List.of(SYSTEM_PYTHON, "/usr/lib/python3/dist-packages/scapy"),
            "ip", List.of("ip", "sysctl", "kill", "chown"));

    private static final String RUN_ID = randomId(6);

    private Interop() {
    }

    /**
     * Skips (or, with {@value #REQUIRE_ENV}=1, fails) the calling test unless we are root and
     * every named tool is installed. Names: frr, bird, gobgp, exabgp, scapy, ip ("ip" is
     * always checked).
     */
    public static void requireRootAndTools(String... tools) {
        List<String> problems = new ArrayList<>();
        if (!isRoot()) problems.add("not running as root (network namespaces need CAP_NET_ADMIN)");
        List<String> names = new ArrayList<>(List.of(tools));
        names.add("ip");
        for (String tool : names) {
            List<String> paths = BINARIES.get(tool.toLowerCase(Locale.ROOT));
            if (paths == null) throw new IllegalArgumentException("unknown interop tool: " + tool + " (known: " + BINARIES.keySet() + ")");
            for (String p : paths) {
                if (!installed(p)) problems.add(tool + ": " + p + " is missing");
            }
        }
        decide(problems, System.getenv(REQUIRE_ENV));
    }

    /**
     * Skips (or, with {@value #REQUIRE_ENV}=1, fails) the calling test unless every binary is
     * installed (absolute paths or names on PATH); no root needed, for tests that only run tools.
     */
    public static void requireBinaries(String... binaries) {
        List<String> problems = new ArrayList<>();
        for (String b : binaries) {
            if (!installed(b)) problems.add(b + " is missing");
        }
        decide(problems, System.getenv(REQUIRE_ENV));
    }

    /** Nothing missing: go on; else fail if {@code requireEnv} is "1", skip otherwise. */
    static void decide(List<String> problems, String requireEnv) {
        if (problems.isEmpty()) return;
        String message = "interop prerequisites missing: " + String.join("; ", problems)
                + ". Run .ci/run (installs frr bird2 gobgpd exabgp python3-scapy iproute2) as root.";
        if ("1".equals(requireEnv)) {
            Assertions.fail(message + " (" + REQUIRE_ENV + "=1, so this is a failure, not a skip)");
        }
        Assumptions.abort(message + " Skipped; set " + REQUIRE_ENV + "=1 to fail instead.");
    }

    private static boolean installed(String binary) {
        if (binary.startsWith("/")) return Files.exists(Path.of(binary));
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) return true;
        }
        return false;
    }

    public static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Six random characters shared by everything this JVM creates: names never collide with another run's. */
    public static String runId() {
        return RUN_ID;
    }

    /** {@code target/interop-logs/<test>/}, created; daemons' configs and logs go here. */
    public static Path logDir(String test) {
        // "Class/method" makes a folder per class; anything odd (or "..") becomes "_".
        Path dir = Path.of("target", "interop-logs", test.replace("..", "_").replaceAll("[^A-Za-z0-9_./-]", "_")).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir, e);
        }
        return dir;
    }

    static String randomId(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return sb.toString();
    }
}
