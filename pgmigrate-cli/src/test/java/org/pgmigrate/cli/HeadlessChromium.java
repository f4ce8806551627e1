package org.pgmigrate.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium}, headless, to open report pages as a browser draws them. Installed
 * with {@code apt-get install -y chromium} when missing and the test runs as root (about 40 s,
 * download included, on the machine this was written on); the test is skipped, saying why, when
 * it is neither there nor installable.
 */
final class HeadlessChromium {
    /** The window a report must fit: a laptop screen. */
    static final String WINDOW = "1280,800";
    private static final List<String> NAMES = List.of("chromium", "chromium-browser");
    private static final String APT_GET = "/usr/bin/apt-get";

    private final Path executable;
    private final Path profile;

    private HeadlessChromium(Path executable, Path profile) {
        this.executable = executable;
        this.profile = profile;
    }

    /** Chromium, installed first when missing and possible; else the calling test is skipped. */
    static HeadlessChromium findOrInstall(Path profile) throws InterruptedException {
        Optional<Path> found = find();
        String why = "";
        if (found.isEmpty()) {
            why = install();
            found = find();
        }
        assumeTrue(found.isPresent(), "Headless Chromium is not installed and could not be installed (" + why + "): the HTML report's"
                + " rendering is not checked. Install Debian's package: apt-get install -y chromium");
        return new HeadlessChromium(found.get(), profile);
    }

    private static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            for (String name : NAMES) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Installs Debian's package; says why it could not. */
    private static String install() throws InterruptedException {
        if (!Files.isExecutable(Path.of(APT_GET))) {
            return "no apt-get";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "apt-get needs root, and the tests run as " + System.getProperty("user.name");
        }
        long start = System.nanoTime();
        String out = run(List.of(APT_GET, "install", "-y", "-q", "chromium"), 600);
        if (find().isEmpty()) {
            // the package lists may be missing, as in fresh containers
            run(List.of(APT_GET, "update", "-q"), 300);
            out = run(List.of(APT_GET, "install", "-y", "-q", "chromium"), 600);
        }
        System.out.printf("apt-get install chromium took %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        return find().isPresent() ? "" : "apt-get install -y chromium failed: " + out.lines().reduce((a, b) -> b).orElse("");
    }

    /** What {@code command} printed, or why it could not run. */
    private static String run(List<String> command, int seconds) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The page's DOM once loaded and its scripts have run, at the laptop window size. */
    String dumpDom(Path page) throws IOException, InterruptedException {
        return dumpDom(page, WINDOW);
    }

    /** The same in a window of {@code size} ("width,height"). */
    String dumpDom(Path page, String size) throws IOException, InterruptedException {
        return chromium(page.toAbsolutePath().toUri(), size, "--dump-dom");
    }

    /** A screenshot of the page's first screen at the laptop window size. */
    void screenshot(Path page, Path png) throws IOException, InterruptedException {
        screenshot(page.toAbsolutePath().toUri(), png);
    }

    /** The same of a page served at {@code uri}. */
    void screenshot(URI uri, Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        chromium(uri, WINDOW, "--screenshot=" + png.toAbsolutePath());
        assumeTrue(Files.size(png) > 0, "Chromium wrote no screenshot");
    }

    /** The page printed to {@code pdf} as Chromium prints it (A4 or Letter, its default margins). */
    void printToPdf(Path page, Path pdf) throws IOException, InterruptedException {
        Files.createDirectories(pdf.toAbsolutePath().getParent());
        chromium(page.toAbsolutePath().toUri(), WINDOW, "--no-pdf-header-footer", "--print-to-pdf=" + pdf.toAbsolutePath());
    }

    private String chromium(URI uri, String size, String... what) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + size));
        command.addAll(List.of(what));
        command.add(uri.toString());
        // into a file, not a pipe: a Chromium that hangs cannot hold the test past the timeout
        Path out = Files.createTempFile(profile, "chromium", ".out");
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 60 s: " + command);
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
