package dev.theater.handler.filesystem;

import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerConfigException;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code filesystem} handler. Configuration (exactly one of {@code root} and {@code roots}):
 *
 * <ul>
 *   <li>{@code root} (string): the directory guest paths are relative to;
 *   <li>{@code roots} (table of name = directory): several directories; a guest path starts with a root's name;
 *   <li>{@code create_roots} (boolean, default false): create missing root directories instead of refusing them;
 *   <li>{@code read_only} (boolean, default false): refuse writing, deleting and creating;
 *   <li>{@code max_read_bytes} (integer, default 16 MiB): the largest file {@code read-file} returns.
 * </ul>
 *
 * Relative directories are resolved against the manifest's directory.
 */
public final class FilesystemHandlerFactory implements HandlerFactory {
    static final String ID = "filesystem";
    static final String INTERFACE = "theater:simple/filesystem";
    static final long DEFAULT_MAX_READ_BYTES = 16 * 1024 * 1024;
    private static final Pattern ROOT_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> provides() {
        return Set.of(INTERFACE);
    }

    @Override
    public Handler create(HandlerConfig config, HandlerContext context) {
        config.requireOnly("root", "roots", "create_roots", "read_only", "max_read_bytes");
        boolean create = config.bool("create_roots").orElse(false);
        boolean readOnly = config.bool("read_only").orElse(false);
        long maxRead = config.integer("max_read_bytes").orElse(DEFAULT_MAX_READ_BYTES);
        if (maxRead < 0 || maxRead > Integer.MAX_VALUE - 8) {
            throw refuse(
                    config, "max_read_bytes", "must be between 0 and " + (Integer.MAX_VALUE - 8) + ", was " + maxRead);
        }
        Object roots = config.values().get("roots");
        boolean hasRoot = config.values().containsKey("root");
        if (hasRoot == (roots != null)) {
            throw refuse(config, "root", "give exactly one of root = \"dir\" and roots = { name = \"dir\", ... }");
        }
        Roots granted;
        if (hasRoot) {
            String dir = config.string("root").orElseThrow();
            granted = Roots.single(directory(config, "root", dir, create));
        } else {
            if (!(roots instanceof Map<?, ?> table) || table.isEmpty()) {
                throw refuse(
                        config, "roots", "must be a table of name = \"directory\", e.g. roots = { data = \"data\" }");
            }
            Map<String, Path> named = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : table.entrySet()) {
                String name = String.valueOf(e.getKey());
                if (!ROOT_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
                    throw refuse(
                            config, "roots", "has the root name '" + name + "'; use letters, digits, '_', '-', '.'");
                }
                if (!(e.getValue() instanceof String dir)) {
                    throw refuse(
                            config,
                            "roots",
                            "maps '" + name + "' to " + e.getValue() + "; map it to a directory" + " (a string)");
                }
                named.put(name, directory(config, "roots", dir, create));
            }
            granted = Roots.named(named);
        }
        return new FilesystemHandler(granted, readOnly, (int) maxRead);
    }

    /** The real path of a root directory, created when asked. */
    private static Path directory(HandlerConfig config, String key, String dir, boolean create) {
        Path path;
        try {
            Path base = config.manifest().toAbsolutePath().getParent();
            path = base == null ? Path.of(dir).toAbsolutePath() : base.resolve(dir);
        } catch (InvalidPathException e) {
            throw refuse(config, key, "names '" + dir + "', which is not a path: " + e.getMessage());
        }
        try {
            if (create) {
                Files.createDirectories(path);
            }
            if (!Files.isDirectory(path)) {
                throw refuse(
                        config,
                        key,
                        "names " + path + ", which is not a directory; create it, or set" + " create_roots = true");
            }
            return path.toRealPath();
        } catch (IOException e) {
            throw refuse(config, key, "names " + path + ", which cannot be used: " + e);
        }
    }

    private static HandlerConfigException refuse(HandlerConfig config, String key, String problem) {
        return new HandlerConfigException(key, key + " " + problem);
    }
}
