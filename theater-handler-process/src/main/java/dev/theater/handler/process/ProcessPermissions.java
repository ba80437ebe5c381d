package dev.theater.handler.process;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerConfigException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one actor may do with processes, read from its {@code [[handler]] type = "process"} table. Everything not
 * granted here is refused, with a message naming the key that would grant it.
 *
 * @param programs the programs the actor may run ({@code allowed_programs})
 * @param dirs the directories (real paths) a process may run in, subdirectories included ({@code allowed_dirs})
 * @param defaultDir where a process runs when its config names no {@code cwd}: the first allowed directory, or the
 *     runtime's working directory when none is allowed
 * @param maxProcesses how many processes may run at once ({@code max_processes})
 * @param maxOutputBytes how many bytes of stdout and stderr together a process may write ({@code max_output_bytes})
 * @param envAllowlist variable names the actor may set, or prefixes ending in {@code *} ({@code env_allowlist})
 * @param inheritedEnv the variables copied from the runtime's environment into every process ({@code inherit_env})
 * @param defaultTimeout the execution timeout of a process whose config gives none ({@code default_timeout})
 * @param killGrace how long processes get after SIGTERM when their actor stops before SIGKILL ({@code kill_grace})
 * @param grant where the grant lives, for messages: {@code [[handler]] type = "process" in fetcher.toml}
 */
record ProcessPermissions(
        List<AllowedProgram> programs,
        List<Path> dirs,
        Path defaultDir,
        int maxProcesses,
        long maxOutputBytes,
        List<String> envAllowlist,
        Map<String, String> inheritedEnv,
        Optional<Duration> defaultTimeout,
        Duration killGrace,
        String grant) {
    static final String ALLOWED_PROGRAMS = "allowed_programs";
    static final String ALLOWED_DIRS = "allowed_dirs";
    static final String MAX_PROCESSES = "max_processes";
    static final String MAX_OUTPUT_BYTES = "max_output_bytes";
    static final String ENV_ALLOWLIST = "env_allowlist";
    static final String INHERIT_ENV = "inherit_env";
    static final String DEFAULT_TIMEOUT = "default_timeout";
    static final String KILL_GRACE = "kill_grace";

    static final int DEFAULT_MAX_PROCESSES = 10;
    static final long DEFAULT_MAX_OUTPUT_BYTES = 10L << 20;
    static final List<String> DEFAULT_INHERIT_ENV = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ");
    static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(1);

    /**
     * One entry of {@code allowed_programs}.
     *
     * @param entry as written in the manifest: an absolute path or a program name
     * @param path the absolute path the entry stands for (a name resolved on the runtime's PATH)
     * @param realPath {@code path} with symbolic links resolved, which requests are compared by
     */
    record AllowedProgram(String entry, Path path, Path realPath) {
        AllowedProgram {
            requireNonNull(entry, "entry is null");
            requireNonNull(path, "path is null");
            requireNonNull(realPath, "realPath is null");
        }

        boolean isName() {
            return entry.indexOf('/') < 0;
        }
    }

    ProcessPermissions {
        programs = List.copyOf(requireNonNull(programs, "programs is null"));
        dirs = List.copyOf(requireNonNull(dirs, "dirs is null"));
        requireNonNull(defaultDir, "defaultDir is null");
        envAllowlist = List.copyOf(requireNonNull(envAllowlist, "envAllowlist is null"));
        inheritedEnv =
                Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(inheritedEnv, "inheritedEnv is null")));
        requireNonNull(defaultTimeout, "defaultTimeout is null");
        requireNonNull(killGrace, "killGrace is null");
        requireNonNull(grant, "grant is null");
        if (maxProcesses < 1) {
            throw new IllegalArgumentException("maxProcesses must be >= 1, was " + maxProcesses);
        }
        if (maxOutputBytes < 1) {
            throw new IllegalArgumentException("maxOutputBytes must be >= 1, was " + maxOutputBytes);
        }
    }

    /**
     * Reads and checks the handler table.
     *
     * @param environment the runtime's environment: {@code PATH} resolves program names, {@code inherit_env} copies
     *     from it
     * @param workingDirectory the runtime's working directory, where processes run when no directory is allowed
     * @throws HandlerConfigException naming the key, what it must be, and what was found
     */
    static ProcessPermissions from(HandlerConfig config, Map<String, String> environment, Path workingDirectory) {
        requireNonNull(config, "config is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(workingDirectory, "workingDirectory is null");
        config.requireOnly(
                ALLOWED_PROGRAMS,
                ALLOWED_DIRS,
                MAX_PROCESSES,
                MAX_OUTPUT_BYTES,
                ENV_ALLOWLIST,
                INHERIT_ENV,
                DEFAULT_TIMEOUT,
                KILL_GRACE);
        String where = ConfigValues.location(config);

        List<AllowedProgram> programs = new ArrayList<>();
        for (String entry : config.strings(ALLOWED_PROGRAMS).orElse(List.of())) {
            programs.add(program(where, entry, environment.getOrDefault("PATH", "")));
        }

        Path manifestDir = config.manifest().toAbsolutePath().getParent();
        Path base = manifestDir == null ? workingDirectory : manifestDir;
        List<Path> dirs = new ArrayList<>();
        for (String entry : config.strings(ALLOWED_DIRS).orElse(List.of())) {
            dirs.add(directory(where, entry, base));
        }

        long maxProcesses = config.integer(MAX_PROCESSES).orElse((long) DEFAULT_MAX_PROCESSES);
        if (maxProcesses < 1 || maxProcesses > 10_000) {
            throw new HandlerConfigException(
                    MAX_PROCESSES,
                    where + ": key '" + MAX_PROCESSES + "' must be between 1 and 10000, found " + maxProcesses
                            + "; leave the handler out of the manifest to grant no processes at all");
        }
        long maxOutput = config.size(MAX_OUTPUT_BYTES).orElse(DEFAULT_MAX_OUTPUT_BYTES);
        if (maxOutput < 1) {
            throw new HandlerConfigException(
                    MAX_OUTPUT_BYTES, where + ": key '" + MAX_OUTPUT_BYTES + "' must be at least 1 byte, found 0");
        }

        List<String> allowlist = config.strings(ENV_ALLOWLIST).orElse(List.of());
        for (String entry : allowlist) {
            String name = entry.endsWith("*") ? entry.substring(0, entry.length() - 1) : entry;
            if (!entry.equals("*") && !validEnvName(name)) {
                throw new HandlerConfigException(
                        ENV_ALLOWLIST,
                        where + ": key '" + ENV_ALLOWLIST + "' has the entry \"" + entry + "\", which is not a"
                                + " variable name (no '=', no NUL, not empty) or a prefix ending in '*'");
            }
        }
        Map<String, String> inherited = new LinkedHashMap<>();
        for (String name : config.strings(INHERIT_ENV).orElse(DEFAULT_INHERIT_ENV)) {
            if (!validEnvName(name)) {
                throw new HandlerConfigException(
                        INHERIT_ENV,
                        where + ": key '" + INHERIT_ENV + "' has the entry \"" + name
                                + "\", which is not a variable name (no '=', no NUL, not empty)");
            }
            String value = environment.get(name);
            if (value != null) {
                inherited.put(name, value);
            }
        }

        Optional<Duration> defaultTimeout = config.duration(DEFAULT_TIMEOUT);
        if (defaultTimeout.isPresent() && defaultTimeout.get().isZero()) {
            throw new HandlerConfigException(
                    DEFAULT_TIMEOUT,
                    where + ": key '" + DEFAULT_TIMEOUT + "' must be longer than 0; leave it out for no default"
                            + " timeout");
        }
        Duration killGrace = config.duration(KILL_GRACE).orElse(DEFAULT_KILL_GRACE);

        String grant = "[[handler]] type = \"" + config.handlerType() + "\" in "
                + config.manifest().getFileName();
        return new ProcessPermissions(
                programs,
                dirs,
                dirs.isEmpty() ? workingDirectory : dirs.get(0),
                (int) maxProcesses,
                maxOutput,
                allowlist,
                inherited,
                defaultTimeout,
                killGrace,
                grant);
    }

    private static AllowedProgram program(String where, String entry, String searchPath) {
        if (entry.isEmpty()) {
            throw new HandlerConfigException(
                    ALLOWED_PROGRAMS,
                    where + ": key '" + ALLOWED_PROGRAMS + "' has an empty"
                            + " entry; write an absolute path such as \"/usr/bin/git\" or a program name such as \"git\"");
        }
        Path path;
        if (entry.indexOf('/') >= 0) {
            path = parse(where, ALLOWED_PROGRAMS, entry);
            if (!path.isAbsolute()) {
                throw new HandlerConfigException(
                        ALLOWED_PROGRAMS,
                        where + ": key '" + ALLOWED_PROGRAMS + "' has the entry \"" + entry + "\", a relative path;"
                                + " write an absolute path such as \"/usr/bin/git\" or a bare program name, which is"
                                + " looked up on the runtime's PATH");
            }
            if (!isExecutableFile(path)) {
                throw new HandlerConfigException(
                        ALLOWED_PROGRAMS,
                        where + ": key '" + ALLOWED_PROGRAMS + "' has the entry \"" + entry + "\", which is not an"
                                + " executable file; install the program or remove the entry");
            }
        } else {
            path = onPath(entry, searchPath)
                    .orElseThrow(() -> new HandlerConfigException(
                            ALLOWED_PROGRAMS,
                            where + ": key '" + ALLOWED_PROGRAMS + "' has the program name \"" + entry + "\", which"
                                    + " is not an executable file in any directory of the runtime's PATH ("
                                    + (searchPath.isEmpty() ? "empty" : searchPath) + "); install it, or write its"
                                    + " absolute path"));
        }
        try {
            return new AllowedProgram(entry, path.normalize(), path.toRealPath());
        } catch (IOException e) {
            throw new HandlerConfigException(
                    ALLOWED_PROGRAMS,
                    where + ": key '" + ALLOWED_PROGRAMS + "': cannot resolve \"" + entry + "\": " + e.getMessage());
        }
    }

    private static Optional<Path> onPath(String name, String searchPath) {
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(dir, name);
                if (candidate.isAbsolute() && isExecutableFile(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (InvalidPathException e) {
                // A malformed PATH entry cannot hold the program; the next one may.
            }
        }
        return Optional.empty();
    }

    private static boolean isExecutableFile(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    private static Path directory(String where, String entry, Path base) {
        Path path = base.resolve(parse(where, ALLOWED_DIRS, entry));
        if (!Files.isDirectory(path)) {
            throw new HandlerConfigException(
                    ALLOWED_DIRS,
                    where + ": key '" + ALLOWED_DIRS + "' has the entry \"" + entry + "\" (" + path + "), which is"
                            + " not a directory; create it or remove the entry (relative entries are resolved"
                            + " against the manifest's directory)");
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new HandlerConfigException(
                    ALLOWED_DIRS,
                    where + ": key '" + ALLOWED_DIRS + "': cannot resolve \"" + entry + "\": " + e.getMessage());
        }
    }

    private static Path parse(String where, String key, String entry) {
        try {
            return Path.of(entry);
        } catch (InvalidPathException e) {
            throw new HandlerConfigException(
                    key,
                    where + ": key '" + key + "' has the entry \"" + entry + "\", which is not a path: "
                            + e.getReason());
        }
    }

    static boolean validEnvName(String name) {
        return !name.isEmpty() && name.indexOf('=') < 0 && name.indexOf('\0') < 0;
    }

    /**
     * The program to execute for a requested {@code program}: a bare name must be an {@code allowed_programs} name
     * (and runs the file it was resolved to); an absolute path must be, after resolving symbolic links, one of the
     * allowed files, and runs under the path of that {@code allowed_programs} entry (the entry it names, else the
     * first entry for the same file), so {@code argv[0]} is always a granted name.
     */
    Path program(String requested) throws ProcessRefusal {
        if (requested.isEmpty()) {
            throw new ProcessRefusal("process-config.program is empty; name a program from " + ALLOWED_PROGRAMS);
        }
        if (requested.indexOf('\0') >= 0) {
            throw new ProcessRefusal("process-config.program contains a NUL character");
        }
        if (requested.indexOf('/') < 0) {
            for (AllowedProgram p : programs) {
                if (p.isName() && p.entry().equals(requested)) {
                    return p.path();
                }
            }
            throw notAllowed(requested);
        }
        Path path;
        try {
            path = Path.of(requested);
        } catch (InvalidPathException e) {
            throw new ProcessRefusal("process-config.program '" + requested + "' is not a path: " + e.getReason());
        }
        if (!path.isAbsolute()) {
            throw new ProcessRefusal("program '" + requested + "' is a relative path; give an absolute path or a"
                    + " program name listed in " + ALLOWED_PROGRAMS + " (" + grant + ")");
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw notAllowed(requested);
        }
        // The granted entry's own path runs, never the requested one: a program may behave differently under
        // another name of the same file (argv[0]: bash started as rbash is restricted, busybox is every tool).
        Path normalized = path.normalize();
        Path granted = null;
        for (AllowedProgram p : programs) {
            if (p.realPath().equals(real)) {
                if (p.path().equals(normalized)) {
                    return p.path();
                }
                if (granted == null) {
                    granted = p.path();
                }
            }
        }
        if (granted != null) {
            return granted;
        }
        throw notAllowed(requested);
    }

    private ProcessRefusal notAllowed(String requested) {
        String allowed = programs.isEmpty()
                ? "none"
                : programs.stream()
                        .map(p -> p.isName() ? p.entry() + " (" + p.path() + ")" : p.entry())
                        .collect(Collectors.joining(", "));
        return new ProcessRefusal("program '" + requested + "' is not allowed: it is not in " + ALLOWED_PROGRAMS
                + " of " + grant + " (allowed: " + allowed + "); add it there to grant it");
    }

    /**
     * The directory a process runs in: {@link #defaultDir} for none; otherwise the requested directory (relative to
     * {@link #defaultDir}), which must lie inside an allowed directory once {@code ..} and symbolic links are resolved.
     */
    Path workingDirectory(Optional<String> requested) throws ProcessRefusal {
        if (requested.isEmpty()) {
            return defaultDir;
        }
        String cwd = requested.get();
        Path path;
        try {
            path = defaultDir.resolve(cwd);
        } catch (InvalidPathException e) {
            throw new ProcessRefusal("process-config.cwd '" + cwd + "' is not a path: " + e.getReason());
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new ProcessRefusal("process-config.cwd '" + cwd + "' (" + path + ") does not exist");
        }
        if (!Files.isDirectory(real)) {
            throw new ProcessRefusal("process-config.cwd '" + cwd + "' (" + real + ") is not a directory");
        }
        for (Path dir : dirs) {
            if (real.startsWith(dir)) {
                return real;
            }
        }
        throw new ProcessRefusal("working directory '" + cwd + "' (" + real + ") is not allowed: it is not inside"
                + " any of " + ALLOWED_DIRS + " of " + grant + " ("
                + (dirs.isEmpty() ? "none" : dirs.stream().map(Path::toString).collect(Collectors.joining(", ")))
                + "); add it there to grant it");
    }

    /**
     * The environment of a process: {@link #inheritedEnv}, then the requested variables, each of which must be in
     * {@link #envAllowlist}.
     */
    Map<String, String> environment(List<Map.Entry<String, String>> requested) throws ProcessRefusal {
        Map<String, String> env = new LinkedHashMap<>(inheritedEnv);
        for (Map.Entry<String, String> variable : requested) {
            String name = variable.getKey();
            if (!validEnvName(name)) {
                throw new ProcessRefusal("process-config.env has the name \"" + name + "\", which is not a variable"
                        + " name (no '=', no NUL, not empty)");
            }
            if (variable.getValue().indexOf('\0') >= 0) {
                throw new ProcessRefusal("process-config.env: the value of " + name + " contains a NUL character");
            }
            if (!envAllowed(name)) {
                throw new ProcessRefusal("environment variable '" + name + "' is not allowed: it is not in "
                        + ENV_ALLOWLIST + " of " + grant + " (allowed: "
                        + (envAllowlist.isEmpty() ? "none" : String.join(", ", envAllowlist))
                        + "); add it there to grant it");
            }
            env.put(name, variable.getValue());
        }
        return env;
    }

    private boolean envAllowed(String name) {
        for (String entry : envAllowlist) {
            if (entry.endsWith("*") ? name.startsWith(entry.substring(0, entry.length() - 1)) : entry.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
