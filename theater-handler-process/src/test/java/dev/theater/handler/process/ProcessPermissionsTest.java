package dev.theater.handler.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.spi.HandlerConfigException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the handler table becomes permissions, and how requests are checked against them. */
class ProcessPermissionsTest {
    @TempDir
    Path dir;

    /** Where {@code name} is on this JVM's PATH. */
    static Path onPath(String name) {
        for (String entry : System.getenv("PATH").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(name + " is not on PATH");
    }

    static ProcessPermissions permissions(Map<String, Object> table, Map<String, String> env, Path workDir) {
        return ProcessPermissions.from(new TestConfig(table), env, workDir);
    }

    @Test
    void nothingIsGrantedByDefault() throws Exception {
        ProcessPermissions p = permissions(Map.of(), Map.of("PATH", System.getenv("PATH")), dir);

        assertThat(p.programs()).isEmpty();
        assertThat(p.maxProcesses()).isEqualTo(ProcessPermissions.DEFAULT_MAX_PROCESSES);
        assertThat(p.maxOutputBytes()).isEqualTo(10L << 20);
        assertThat(p.defaultTimeout()).isEmpty();
        assertThatThrownBy(() -> p.program("sh")).hasMessageContaining("allowed: none");
        assertThatThrownBy(() -> p.workingDirectory(Optional.of(dir.toString())))
                .hasMessageContaining("allowed_dirs");
        assertThatThrownBy(() -> p.environment(List.of(Map.entry("A", "1")))).hasMessageContaining("env_allowlist");
        assertThat(p.workingDirectory(Optional.empty())).isEqualTo(dir);
    }

    @Test
    void programNamesAreResolvedOnThePathOfTheRuntimeWhenTheActorIsSpawned() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path tool = Files.createFile(
                bin.resolve("tool"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        ProcessPermissions p =
                permissions(Map.of("allowed_programs", List.of("tool")), Map.of("PATH", "/nowhere:" + bin), dir);

        assertThat(p.program("tool")).isEqualTo(tool);
        assertThat(p.program(tool.toString())).isEqualTo(tool);
        assertThatThrownBy(
                        () -> permissions(Map.of("allowed_programs", List.of("tool")), Map.of("PATH", "/nowhere"), dir))
                .isInstanceOf(HandlerConfigException.class)
                .hasMessageContaining("\"tool\"")
                .hasMessageContaining("/nowhere")
                .extracting(e -> ((HandlerConfigException) e).key())
                .isEqualTo("allowed_programs");
    }

    @Test
    void anAllowedProgramMustBeAnExecutableFileGivenByAbsolutePathOrName() throws Exception {
        Path data = Files.writeString(dir.resolve("data.txt"), "not a program");
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin");

        assertThatThrownBy(() -> permissions(Map.of("allowed_programs", List.of(data.toString())), env, dir))
                .hasMessageContaining("not an executable file");
        assertThatThrownBy(() -> permissions(Map.of("allowed_programs", List.of("bin/tool")), env, dir))
                .hasMessageContaining("relative path");
    }

    @Test
    void sizesAndDurationsTakeUnitsOrPlainIntegers() {
        Map<String, String> env = Map.of();
        ProcessPermissions p =
                permissions(Map.of("max_output_bytes", "64KiB", "default_timeout", "2s", "kill_grace", 250L), env, dir);

        assertThat(p.maxOutputBytes()).isEqualTo(65536);
        assertThat(p.defaultTimeout()).contains(Duration.ofSeconds(2));
        assertThat(p.killGrace()).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> permissions(Map.of("default_timeout", "2"), env, dir))
                .hasMessageContaining("default_timeout")
                .hasMessageContaining("no unit");
        assertThatThrownBy(() -> permissions(Map.of("kill_grace", "2 days"), env, dir))
                .hasMessageContaining("kill_grace");
        assertThatThrownBy(() -> permissions(Map.of("max_output_bytes", -1L), env, dir))
                .hasMessageContaining("negative");
    }

    @Test
    void onlyTheInheritedVariablesOfTheRuntimeReachAProcess() throws Exception {
        Map<String, String> runtimeEnv = Map.of("PATH", "/usr/bin", "SECRET_TOKEN", "s3cret", "LANG", "C.UTF-8");
        ProcessPermissions defaults = permissions(Map.of(), runtimeEnv, dir);
        ProcessPermissions custom = permissions(Map.of("inherit_env", List.of("SECRET_TOKEN")), runtimeEnv, dir);

        assertThat(defaults.environment(List.of())).containsOnlyKeys("PATH", "LANG");
        assertThat(custom.environment(List.of())).containsOnlyKeys("SECRET_TOKEN");
    }

    @Test
    void relativeAllowedDirsAreResolvedAgainstTheManifestDirectory() throws Exception {
        Path manifestDir = Path.of("").toAbsolutePath();
        Path sub = Files.createTempDirectory(manifestDir.resolve("target"), "allowed");
        try {
            ProcessPermissions p =
                    permissions(Map.of("allowed_dirs", List.of("target/" + sub.getFileName())), Map.of(), dir);

            assertThat(p.dirs()).containsExactly(sub.toRealPath());
            assertThat(p.workingDirectory(Optional.empty())).isEqualTo(sub.toRealPath());
            assertThat(p.workingDirectory(Optional.of("."))).isEqualTo(sub.toRealPath());
        } finally {
            Files.delete(sub);
        }
    }
}
