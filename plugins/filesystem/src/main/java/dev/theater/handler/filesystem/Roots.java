package dev.theater.handler.filesystem;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The directories an actor may use, and the one way guest paths become host paths. A guest path is relative, uses
 * {@code /}, and has no {@code ..}: with one root it is relative to that root; with named roots its first segment
 * names the root ({@code data/notes.txt}). After the lexical checks, the deepest existing part of the path is resolved
 * to its real path (following symbolic links), which must still lie in the root; the rest does not exist yet, so it
 * cannot be a link. Errors name the guest path only, never host paths.
 */
final class Roots {
    /** The name under which a single root is kept; guest paths then have no root segment. */
    private static final String SINGLE = "";

    private final Map<String, Path> roots;

    /** @param roots real (symlink-free, absolute) root directories by name; one entry named "" for a single root */
    private Roots(Map<String, Path> roots) {
        this.roots = Map.copyOf(roots);
    }

    static Roots single(Path realRoot) {
        return new Roots(Map.of(SINGLE, realRoot));
    }

    static Roots named(Map<String, Path> realRoots) {
        return new Roots(new LinkedHashMap<>(realRoots));
    }

    /** A host path for a guest path, and the root it lies in. */
    record Resolved(String guestPath, Path root, Path path) {
        Resolved {
            requireNonNull(guestPath, "guestPath is null");
            requireNonNull(root, "root is null");
            requireNonNull(path, "path is null");
        }

        boolean isRoot() {
            return path.equals(root);
        }
    }

    /**
     * Resolves {@code guestPath} following symbolic links inside the root: for reading, listing, and creating
     * directories.
     */
    Resolved target(String guestPath) throws Refusal {
        Resolved lexical = lexical(guestPath);
        return new Resolved(guestPath, lexical.root(), real(guestPath, lexical.root(), lexical.path()));
    }

    /**
     * Resolves {@code guestPath} with its parent followed but its last segment not: the entry itself, which may be a
     * symbolic link. For writing and deleting, which must never act through a link.
     */
    Resolved entry(String guestPath) throws Refusal {
        Resolved lexical = lexical(guestPath);
        if (lexical.isRoot()) {
            return lexical;
        }
        Path parent = real(guestPath, lexical.root(), lexical.path().getParent());
        return new Resolved(
                guestPath, lexical.root(), parent.resolve(lexical.path().getFileName()));
    }

    private Resolved lexical(String guestPath) throws Refusal {
        if (guestPath.indexOf('\0') >= 0) {
            throw new Refusal("path '" + printable(guestPath) + "' contains a NUL character");
        }
        if (guestPath.indexOf('\\') >= 0) {
            throw new Refusal("path '" + guestPath + "' contains '\\'; separate path segments with '/'");
        }
        if (guestPath.startsWith("/") || guestPath.matches("[A-Za-z]:.*")) {
            throw new Refusal("path '" + guestPath + "' is absolute; give a path relative to the granted "
                    + (roots.containsKey(SINGLE) ? "root" : "roots, starting with a root name (" + names() + ")"));
        }
        List<String> segments = new ArrayList<>();
        for (String segment : guestPath.split("/")) {
            if (segment.equals("..")) {
                throw new Refusal("path '" + guestPath + "' contains '..'; a path may not leave its granted root");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        Path root;
        if (roots.containsKey(SINGLE)) {
            root = roots.get(SINGLE);
        } else {
            if (segments.isEmpty()) {
                throw new Refusal("path '" + guestPath + "' names no root; start it with one of " + names());
            }
            root = roots.get(segments.get(0));
            if (root == null) {
                throw new Refusal("path '" + guestPath + "' starts with '" + segments.get(0) + "', which is not a"
                        + " granted root; the roots are " + names());
            }
            segments = segments.subList(1, segments.size());
        }
        Path path = root;
        for (String segment : segments) {
            path = path.resolve(segment);
        }
        if (!path.normalize().startsWith(root)) {
            throw new Refusal("path '" + guestPath + "' leaves its granted root");
        }
        return new Resolved(guestPath, root, path);
    }

    /** The real path of {@code path}: its deepest existing part resolved through links, which must stay in root. */
    private static Path real(String guestPath, Path root, Path path) throws Refusal {
        Path existing = path;
        while (!existing.equals(root) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            throw new Refusal("path '" + guestPath + "' goes through a symbolic link that leads nowhere");
        }
        if (!real.startsWith(root)) {
            throw new Refusal("path '" + guestPath + "' leads outside its granted root through a symbolic link");
        }
        return real.resolve(existing.relativize(path));
    }

    private String names() {
        return String.join(", ", roots.keySet());
    }

    private static String printable(String s) {
        return s.replace("\0", "\\0");
    }
}
