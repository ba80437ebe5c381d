package dev.theater.manifest;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.supervision.SupervisionPolicy;
import dev.theater.spi.supervision.SupervisionPolicy.Restart;
import dev.theater.spi.supervision.SupervisionPolicy.RestartState;
import dev.theater.spi.supervision.SupervisionPolicy.Strategy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads actor manifests (TOML) into {@link Manifest}s. Every problem is a {@link ManifestException} that names the
 * file, the key, the expected form and, when known, the line. Paths in the manifest are relative to its directory.
 * The format is documented in {@code docs/manifest.md}.
 */
public final class ManifestParser {
    static final List<String> TOP_KEYS = List.of(
            "name",
            "version",
            "component",
            "description",
            "init_state",
            "engine",
            "save_chain",
            "limits",
            "supervision",
            "handler");
    static final List<String> LIMITS_KEYS = List.of("memory", "call_timeout", "mailbox");
    static final List<String> SUPERVISION_KEYS =
            List.of("strategy", "restart", "max_restarts", "period", "backoff_min", "backoff_max", "restart_state");

    private static final String NAME_EXPECTED =
            "an actor name such as \"hello-world\": a letter, then letters, digits, '-' or '_', at most 64 characters";
    private static final String VERSION_EXPECTED = "a version string such as \"0.1.0\"";
    private static final String SOURCE_EXPECTED =
            "a path relative to this manifest such as \"build/hello.wasm\", or \"store:<store-id>/<sha256-hex>\"";
    private static final String ENGINE_EXPECTED =
            "an engine id such as \"chicory\" or \"wasmtime\" (lowercase letters, digits and '-')";
    private static final String HANDLER_TYPE_EXPECTED =
            "a handler id such as \"process\" or \"message-server\" (lowercase letters, digits and '-')";
    private static final String STRING_EXPECTED = "a string";
    private static final String BOOLEAN_EXPECTED = "true or false";
    private static final String TABLE_EXPECTED = "a table";
    private static final String NO_TIMEOUT = "none";

    private final String file;
    private final Path baseDir;

    private ManifestParser(String file, Path baseDir) {
        this.file = file;
        this.baseDir = baseDir;
    }

    /**
     * Reads the manifest {@code file}; relative paths in it resolve against its directory. Messages name the file as
     * given here.
     *
     * @throws ManifestException when the file cannot be read or is not a valid manifest
     */
    public static Manifest parse(Path file) {
        requireNonNull(file, "file is null");
        String fileName = file.toString();
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new ManifestException(
                    fileName,
                    "",
                    0,
                    0,
                    "is a directory (resolved to " + absolute + "); name the manifest's .toml file");
        }
        String text;
        try {
            byte[] bytes = BoundedFiles.read(absolute, BoundedFiles.MAX_MANIFEST_BYTES, "manifest");
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (BoundedFiles.InputLimitException e) {
            throw withCause(new ManifestException(fileName, "", 0, 0, e.getMessage()), e);
        } catch (NoSuchFileException e) {
            throw withCause(
                    new ManifestException(
                            fileName, "", 0, 0, "manifest not found (resolved to " + absolute + "); check the path"),
                    e);
        } catch (CharacterCodingException e) {
            throw withCause(
                    new ManifestException(
                            fileName, "", 0, 0, "is not valid UTF-8; save the manifest as UTF-8, as TOML requires"),
                    e);
        } catch (IOException e) {
            throw withCause(
                    new ManifestException(
                            fileName,
                            "",
                            0,
                            0,
                            "cannot be read (resolved to " + absolute + "): " + e + "; check that it is readable"),
                    e);
        }
        return parse(text, absolute.getParent(), fileName);
    }

    /**
     * Reads a manifest from text.
     *
     * @param toml the manifest's TOML text
     * @param baseDir the directory relative paths in the manifest resolve against
     * @param fileName the name messages use for the manifest, e.g. {@code hello.toml}; becomes {@link
     *     Manifest#origin()}
     * @throws ManifestException when the text is not a valid manifest
     */
    public static Manifest parse(String toml, Path baseDir, String fileName) {
        requireNonNull(toml, "toml is null");
        requireNonNull(baseDir, "baseDir is null");
        requireNonNull(fileName, "fileName is null");
        return new ManifestParser(fileName, baseDir.toAbsolutePath().normalize()).read(toml);
    }

    private Manifest read(String toml) {
        String text = toml.startsWith("\uFEFF") ? toml.substring(1) : toml;
        if (text.length() > BoundedFiles.MAX_MANIFEST_BYTES) {
            throw new ManifestException(
                    file,
                    "",
                    0,
                    0,
                    "has " + text.length() + " characters, over the limit of "
                            + BoundedFiles.describe(BoundedFiles.MAX_MANIFEST_BYTES)
                            + " for a manifest; keep large data in files the manifest names");
        }
        Optional<TomlNesting.TooDeep> tooDeep = TomlNesting.check(text, TomlNesting.MAX_DEPTH);
        if (tooDeep.isPresent()) {
            TomlNesting.TooDeep at = tooDeep.get();
            throw new ManifestException(
                    file,
                    at.key(),
                    at.line(),
                    at.column(),
                    "arrays and inline tables nest more than " + TomlNesting.MAX_DEPTH
                            + " levels deep here, over the limit for a manifest; flatten the value");
        }
        TomlParseResult document = Toml.parse(text);
        if (document.hasErrors()) {
            throw syntaxError(document.errors());
        }
        Section root = new Section(document, "", null);
        root.checkKeys(TOP_KEYS, "");

        String name = root.string("name", NAME_EXPECTED)
                .orElseThrow(() -> root.fail("name", "missing; add name = \"my-actor\" at the top of the manifest"));
        if (!Manifest.NAME.matcher(name).matches()) {
            throw root.mismatch("name", NAME_EXPECTED, name, "");
        }
        String version = root.string("version", VERSION_EXPECTED).orElse(Manifest.DEFAULT_VERSION);
        if (version.isBlank()) {
            throw root.mismatch("version", VERSION_EXPECTED, version, "");
        }
        ComponentSource component = source(root, "component", "build the guest or fix the path")
                .orElseThrow(() -> root.fail(
                        "component",
                        "missing; add component = \"path/to/actor.wasm\" (relative to this manifest) or component = "
                                + "\"store:<store-id>/<sha256-hex>\""));
        Optional<String> description = root.string("description", STRING_EXPECTED);
        Optional<ComponentSource> initState = source(root, "init_state", "create the file or fix the path");
        Optional<String> engine = root.string("engine", ENGINE_EXPECTED);
        if (engine.isPresent() && !Manifest.ID.matcher(engine.get()).matches()) {
            throw root.mismatch("engine", ENGINE_EXPECTED, engine.get(), "");
        }
        boolean saveChain = root.bool("save_chain").orElse(true);
        Limits limits = root.table("limits").map(this::limits).orElse(Limits.DEFAULT);
        SupervisionPolicy supervision =
                root.table("supervision").map(this::supervision).orElse(SupervisionPolicy.DEFAULT);
        List<HandlerEntry> handlers = handlers(root);
        return new Manifest(
                name,
                version,
                component,
                description,
                initState,
                engine,
                saveChain,
                limits,
                supervision,
                handlers,
                file);
    }

    private ManifestException syntaxError(List<TomlParseError> errors) {
        List<TomlParseError> sorted = errors.stream()
                .sorted(Comparator.comparingInt((TomlParseError e) -> line(e.position()))
                        .thenComparingInt(e -> column(e.position())))
                .toList();
        TomlParseError first = sorted.get(0);
        StringBuilder problem = new StringBuilder(first.getMessage());
        for (TomlParseError other : sorted.subList(1, sorted.size())) {
            problem.append('\n')
                    .append(file)
                    .append(':')
                    .append(line(other.position()))
                    .append(':')
                    .append(column(other.position()))
                    .append(": ")
                    .append(other.getMessage());
        }
        return new ManifestException(file, "", line(first.position()), column(first.position()), problem.toString());
    }

    private Optional<ComponentSource> source(Section section, String key, String notFoundFix) {
        Object value = section.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw section.mismatch(key, SOURCE_EXPECTED, value, "");
        }
        if (text.startsWith(ComponentSource.STORE_PREFIX)) {
            return Optional.of(storeRef(section, key, text));
        }
        if (text.isBlank()) {
            throw section.mismatch(key, SOURCE_EXPECTED, value, "");
        }
        Path relative;
        try {
            relative = Path.of(text);
        } catch (InvalidPathException e) {
            throw section.mismatch(key, SOURCE_EXPECTED, value, "; it is not a valid path: " + e.getReason());
        }
        Path resolved = baseDir.resolve(relative).normalize();
        if (!Files.exists(resolved)) {
            throw section.fail(key, "file '" + text + "' not found (resolved to " + resolved + "); " + notFoundFix);
        }
        if (Files.isDirectory(resolved)) {
            throw section.fail(
                    key, "'" + text + "' is a directory (resolved to " + resolved + "); name a file, not a directory");
        }
        if (!Files.isReadable(resolved)) {
            throw section.fail(
                    key, "file '" + text + "' is not readable (resolved to " + resolved + "); check its permissions");
        }
        try {
            BoundedFiles.check(
                    resolved,
                    key.equals("component") ? BoundedFiles.MAX_COMPONENT_BYTES : BoundedFiles.MAX_INIT_STATE_BYTES,
                    key);
        } catch (IOException e) {
            throw section.fail(key, e.getMessage());
        }
        return Optional.of(new ComponentSource.File(resolved));
    }

    private static ComponentSource.StoreRef storeRef(Section section, String key, String text) {
        String rest = text.substring(ComponentSource.STORE_PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw section.mismatch(
                    key, SOURCE_EXPECTED, text, "; a store reference is store:<store-id>/<sha256-hex>, with a '/'");
        }
        String storeId = rest.substring(0, slash);
        String hash = rest.substring(slash + 1).toLowerCase(Locale.ROOT);
        if (!ComponentSource.StoreRef.STORE_ID.matcher(storeId).matches()) {
            throw section.mismatch(
                    key,
                    SOURCE_EXPECTED,
                    text,
                    "; the store id '" + storeId + "' must be letters, digits, '.', '_' or '-'");
        }
        if (!ComponentSource.StoreRef.SHA256_HEX.matcher(hash).matches()) {
            throw section.mismatch(
                    key,
                    SOURCE_EXPECTED,
                    text,
                    "; the content hash must be the 64 hex digits of a SHA-256, found " + hash.length()
                            + " characters '" + hash + "'");
        }
        return new ComponentSource.StoreRef(storeId, hash);
    }

    private Limits limits(Section section) {
        section.checkKeys(LIMITS_KEYS, " in [limits]");
        long memory = Limits.DEFAULT_MEMORY;
        Object memoryValue = section.get("memory");
        if (memoryValue != null) {
            memory = switch (memoryValue) {
                case Long bytes
                when bytes < 0 ->
                    throw section.mismatch("memory", Sizes.EXPECTED, bytes, "; a size cannot be negative");
                case Long bytes -> bytes;
                case String text -> {
                    try {
                        yield Sizes.parse(text);
                    } catch (IllegalArgumentException e) {
                        throw section.fail("memory", e.getMessage());
                    }
                }
                default -> throw section.mismatch("memory", Sizes.EXPECTED, memoryValue, "");
            };
            if (memory < Limits.MIN_MEMORY || memory > Limits.MAX_MEMORY) {
                throw section.mismatch(
                        "memory",
                        "a memory limit between 64KiB (one wasm page) and 4GiB (the wasm32 address space)",
                        memoryValue,
                        "");
            }
        }

        Optional<Duration> callTimeout = Optional.of(Limits.DEFAULT_CALL_TIMEOUT);
        if (NO_TIMEOUT.equals(section.get("call_timeout"))) {
            callTimeout = Optional.empty();
        } else {
            Optional<Duration> given = section.duration("call_timeout", ", or \"none\" for no limit");
            if (given.isPresent() && given.get().isZero()) {
                throw section.fail(
                        "call_timeout",
                        "a call timeout must be positive, found " + describe(section.get("call_timeout"))
                                + "; write call_timeout = \"none\" for no limit");
            }
            if (given.isPresent()) {
                callTimeout = given;
            }
        }

        int mailbox =
                section.integer("mailbox", "a number of messages, 1 or more, such as 1024", 1, Limits.DEFAULT_MAILBOX);
        return new Limits(memory, callTimeout, mailbox);
    }

    private SupervisionPolicy supervision(Section section) {
        section.checkKeys(SUPERVISION_KEYS, " in [supervision]");
        SupervisionPolicy defaults = SupervisionPolicy.DEFAULT;
        Strategy strategy =
                section.oneOf("strategy", Strategy.values(), Strategy::tomlName).orElse(defaults.strategy());
        Restart restart =
                section.oneOf("restart", Restart.values(), Restart::tomlName).orElse(defaults.restart());
        int maxRestarts = section.integer(
                "max_restarts", "a number of restarts, 0 or more, such as 3", 0, defaults.maxRestarts());
        Duration period = section.duration("period", "").orElse(defaults.period());
        if (period.isZero()) {
            throw section.fail(
                    "period",
                    "a restart period must be positive, found " + describe(section.get("period"))
                            + "; write e.g. period = \"5s\"");
        }
        Duration backoffMin = section.duration("backoff_min", "").orElse(defaults.backoffMin());
        Duration backoffMax = section.duration("backoff_max", "").orElse(defaults.backoffMax());
        if (backoffMax.compareTo(backoffMin) < 0) {
            String key = section.get("backoff_max") != null ? "backoff_max" : "backoff_min";
            throw section.fail(
                    key,
                    "backoff_max (" + Durations.format(backoffMax) + ") is less than backoff_min ("
                            + Durations.format(backoffMin) + "); raise backoff_max or lower backoff_min");
        }
        RestartState restartState = section.oneOf("restart_state", RestartState.values(), RestartState::tomlName)
                .orElse(defaults.restartState());
        return new SupervisionPolicy(strategy, restart, maxRestarts, period, backoffMin, backoffMax, restartState);
    }

    private List<HandlerEntry> handlers(Section root) {
        Object value = root.get("handler");
        if (value == null) {
            return List.of();
        }
        if (value instanceof TomlTable) {
            throw root.mismatch(
                    "handler",
                    "an array of tables written [[handler]]",
                    value,
                    "; write [[handler]] (two brackets) above each handler's keys");
        }
        if (!(value instanceof TomlArray array)) {
            throw root.mismatch("handler", "an array of tables written [[handler]]", value, "");
        }
        List<HandlerEntry> handlers = new ArrayList<>();
        Map<String, Integer> firstIndexOfType = new HashMap<>();
        Map<String, TomlPosition> firstPositionOfType = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String prefix = "handler[" + i + "]";
            TomlPosition position = array.inputPositionOf(i);
            if (!(array.get(i) instanceof TomlTable table)) {
                throw new ManifestException(
                        file,
                        prefix,
                        line(position),
                        column(position),
                        "expected a table with type = \"<handler-id>\", written [[handler]], found "
                                + describe(array.get(i)));
            }
            Section entry = new Section(table, prefix, position);
            String type = entry.string("type", HANDLER_TYPE_EXPECTED)
                    .orElseThrow(() -> entry.fail(
                            "type",
                            "missing; every [[handler]] table needs the handler's id, e.g. type = \"process\""));
            if (!Manifest.ID.matcher(type).matches()) {
                throw entry.mismatch("type", HANDLER_TYPE_EXPECTED, type, "");
            }
            Integer earlier = firstIndexOfType.putIfAbsent(type, i);
            if (earlier != null) {
                TomlPosition earlierPosition = firstPositionOfType.get(type);
                throw entry.fail(
                        "type",
                        "handler type '" + type + "' is already listed as handler[" + earlier + "]"
                                + (earlierPosition == null ? "" : " (line " + earlierPosition.line() + ")")
                                + "; merge the two [[handler]] tables into one");
            }
            firstPositionOfType.put(type, table.inputPositionOf(List.of("type")));
            Map<String, Object> config = new LinkedHashMap<>();
            for (String key : table.keySet()) {
                if (!key.equals("type")) {
                    config.put(key, plain(table.get(List.of(key))));
                }
            }
            handlers.add(new HandlerEntry(type, config));
        }
        return handlers;
    }

    /** A TOML value as plain, immutable Java: tables become ordered maps, arrays become lists. */
    static Object plain(Object value) {
        return switch (value) {
            case TomlTable table -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (String key : table.keySet()) {
                    map.put(key, plain(table.get(List.of(key))));
                }
                yield Collections.unmodifiableMap(map);
            }
            case TomlArray array -> {
                List<Object> list = new ArrayList<>(array.size());
                for (int i = 0; i < array.size(); i++) {
                    list.add(plain(array.get(i)));
                }
                yield List.copyOf(list);
            }
            default -> value;
        };
    }

    /** A found value as messages show it: strings quoted, other values with their TOML type. */
    static String describe(Object value) {
        return switch (value) {
            case String text -> quote(text);
            case Long number -> "integer " + number;
            case Double number -> "float " + number;
            case Boolean bool -> "boolean " + bool;
            case OffsetDateTime time -> "offset date-time " + time;
            case LocalDateTime time -> "local date-time " + time;
            case LocalDate date -> "local date " + date;
            case LocalTime time -> "local time " + time;
            case TomlArray array -> "an array";
            case TomlTable table -> "a table";
            default -> String.valueOf(value);
        };
    }

    /** Longer values are cut in messages, so an error stays one readable line. */
    private static final int QUOTE_LIMIT = 200;

    /**
     * {@code text} in double quotes, with quotes, backslashes and control characters escaped as TOML does; a text
     * over {@value #QUOTE_LIMIT} characters is cut, saying how long it was.
     */
    static String quote(String text) {
        if (text.length() > QUOTE_LIMIT) {
            return quote(text.substring(0, QUOTE_LIMIT)) + "… (" + text.length() + " characters)";
        }
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (Character.isISOControl(c)) {
                        quoted.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** The candidate closest to {@code word}, when it is close enough to be a likely typo. */
    static Optional<String> closest(String word, List<String> candidates) {
        String lower = word.toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = editDistance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Edit distance counting insertions, deletions, substitutions and swaps of neighbours as one each. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static int line(TomlPosition position) {
        return position == null ? 0 : position.line();
    }

    private static int column(TomlPosition position) {
        return position == null ? 0 : position.column();
    }

    private static ManifestException withCause(ManifestException exception, Throwable cause) {
        exception.initCause(cause);
        return exception;
    }

    /** One table of the manifest, with the dotted prefix its keys are named by in messages. */
    private final class Section {
        private final TomlTable table;
        private final String prefix;
        private final TomlPosition position;

        Section(TomlTable table, String prefix, TomlPosition position) {
            this.table = table;
            this.prefix = prefix;
            this.position = position;
        }

        Object get(String key) {
            return table.get(List.of(key));
        }

        String path(String key) {
            String quoted = Toml.joinKeyPath(List.of(key));
            return prefix.isEmpty() ? quoted : prefix + "." + quoted;
        }

        TomlPosition positionOf(String key) {
            TomlPosition keyPosition = table.inputPositionOf(List.of(key));
            return keyPosition != null ? keyPosition : position;
        }

        ManifestException fail(String key, String problem) {
            TomlPosition at = positionOf(key);
            return new ManifestException(file, path(key), line(at), column(at), problem);
        }

        ManifestException mismatch(String key, String expected, Object found, String reason) {
            return fail(key, "expected " + expected + ", found " + describe(found) + reason);
        }

        void checkKeys(List<String> known, String where) {
            for (String key : table.keySet()) {
                if (!known.contains(key)) {
                    TomlPosition at = positionOf(key);
                    String suggestion = closest(key, known)
                            .map(k -> "; did you mean '" + k + "'?")
                            .orElse("");
                    throw ManifestException.namingKey(
                            file,
                            path(key),
                            line(at),
                            column(at),
                            "unknown key '" + path(key) + "'; known keys" + where + ": " + String.join(", ", known)
                                    + suggestion);
                }
            }
        }

        Optional<String> string(String key, String expected) {
            Object value = get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof String text)) {
                throw mismatch(key, expected, value, "");
            }
            return Optional.of(text);
        }

        Optional<Boolean> bool(String key) {
            Object value = get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof Boolean bool)) {
                throw mismatch(key, BOOLEAN_EXPECTED, value, "");
            }
            return Optional.of(bool);
        }

        /** An integer between {@code min} and {@link Integer#MAX_VALUE}, or {@code absent} when the key is absent. */
        int integer(String key, String expected, int min, int absent) {
            Object value = get(key);
            if (value == null) {
                return absent;
            }
            if (!(value instanceof Long number) || number < min || number > Integer.MAX_VALUE) {
                throw mismatch(
                        key,
                        expected,
                        value,
                        value instanceof Long ? "; it must be between " + min + " and " + Integer.MAX_VALUE : "");
            }
            return number.intValue();
        }

        Optional<Duration> duration(String key, String alternative) {
            Object value = get(key);
            if (value == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(
                        switch (value) {
                            case Long millis -> Durations.ofMillis(millis);
                            case String text -> Durations.parse(text);
                            default -> throw mismatch(key, Durations.EXPECTED + alternative, value, "");
                        });
            } catch (IllegalArgumentException e) {
                String expected = "expected " + Durations.EXPECTED;
                String problem = e.getMessage().startsWith(expected)
                        ? expected + alternative + e.getMessage().substring(expected.length())
                        : e.getMessage();
                throw fail(key, problem);
            }
        }

        <E> Optional<E> oneOf(String key, E[] values, Function<E, String> tomlName) {
            List<String> names = Arrays.stream(values).map(tomlName).toList();
            String expected =
                    "one of " + names.stream().map(ManifestParser::quote).collect(Collectors.joining(", "));
            Optional<String> text = string(key, expected);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            for (E value : values) {
                if (tomlName.apply(value).equals(text.get())) {
                    return Optional.of(value);
                }
            }
            String suggestion = closest(text.get(), names)
                    .map(n -> "; did you mean " + quote(n) + "?")
                    .orElse("");
            throw mismatch(key, expected, text.get(), suggestion);
        }

        Optional<Section> table(String key) {
            Object value = get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof TomlTable sub)) {
                throw mismatch(key, TABLE_EXPECTED + ", written [" + key + "] above its keys", value, "");
            }
            return Optional.of(new Section(sub, path(key), positionOf(key)));
        }
    }
}
