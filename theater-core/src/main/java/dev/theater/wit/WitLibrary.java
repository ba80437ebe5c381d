package dev.theater.wit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable set of resolved WIT packages, looked up by qualified interface name ({@code theater:simple/runtime}).
 * The runtime binds host functions and checks guest exports against it.
 *
 * <p>{@link #builtin()} holds the {@code theater:simple} package shipped in theater-core. Handlers ship the WIT of
 * the interfaces they provide as class-path resources: a directory with the {@code .wit} files of one package and an
 * {@value #INDEX_FILE} listing them (one file name per line; blank lines and lines starting with {@code #} are
 * ignored), added with {@link Builder#addResources(ClassLoader, String)}. The index exists because class-path
 * directories cannot be listed reliably inside JARs.
 *
 * <p>Names are unversioned: a lookup of {@code ns:pkg/iface@1.2.0} finds {@code ns:pkg/iface}.
 */
public final class WitLibrary {
    /** The file in a WIT resource directory that lists its {@code .wit} files. */
    public static final String INDEX_FILE = "index.txt";

    /** The resource directory of the {@code theater:simple} package in theater-core. */
    public static final String BUILTIN_DIRECTORY = "wit/theater-simple";

    private static final Logger LOG = LoggerFactory.getLogger(WitLibrary.class);

    private final Map<String, WitPackage> packages;

    private WitLibrary(Map<String, WitPackage> packages) {
        this.packages = Collections.unmodifiableMap(new LinkedHashMap<>(packages));
    }

    /** The {@code theater:simple} package shipped with theater-core, loaded once. */
    public static WitLibrary builtin() {
        return Builtin.LIBRARY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts with this library's packages. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        packages.values().forEach(builder::addPackage);
        return builder;
    }

    /** The packages, in the order they were added. */
    public Collection<WitPackage> packages() {
        return packages.values();
    }

    /** The package named {@code name} ({@code theater:simple}; a trailing {@code @version} is ignored). */
    public Optional<WitPackage> findPackage(String name) {
        requireNonNull(name, "name is null");
        return Optional.ofNullable(packages.get(stripVersion(name)));
    }

    /** The interface named {@code qualifiedName}, e.g. {@code theater:simple/runtime}. */
    public Optional<WitInterface> findInterface(String qualifiedName) {
        requireNonNull(qualifiedName, "qualifiedName is null");
        String name = stripVersion(qualifiedName);
        int slash = name.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        return findPackage(name.substring(0, slash)).flatMap(p -> p.iface(name.substring(slash + 1)));
    }

    /**
     * The interface named {@code qualifiedName}.
     *
     * @throws IllegalArgumentException naming the known interfaces when there is no such interface
     */
    public WitInterface requireInterface(String qualifiedName) {
        return findInterface(qualifiedName).orElseThrow(() -> {
            String hint = qualifiedName.indexOf('/') < 0
                    ? "; write 'namespace:package/interface', as in 'theater:simple/runtime'"
                    : "; no package declares it: a handler ships its package's .wit files and an index.txt in its"
                            + " JAR and names the directory in HandlerFactory.witDirectories(); an application"
                            + " passes it with TheaterRuntime.builder().withWitLibrary(...)";
            return new IllegalArgumentException("unknown WIT interface '" + qualifiedName + "'" + hint
                    + "; known interfaces: " + String.join(", ", interfaceNames()));
        });
    }

    /**
     * The function {@code function} of interface {@code qualifiedInterface}.
     *
     * @throws IllegalArgumentException naming the interface, the function and the functions it does have
     */
    public WitFunction requireFunction(String qualifiedInterface, String function) {
        requireNonNull(function, "function is null");
        WitInterface iface = requireInterface(qualifiedInterface);
        return iface.function(function)
                .orElseThrow(() -> new IllegalArgumentException("WIT interface '" + iface.qualifiedName()
                        + "' has no function '" + function + "'; its functions are: "
                        + (iface.functions().isEmpty()
                                ? "(none)"
                                : String.join(", ", iface.functions().keySet()))));
    }

    private List<String> interfaceNames() {
        List<String> names = new ArrayList<>();
        for (WitPackage p : packages.values()) {
            for (WitInterface i : p.interfaces().values()) {
                names.add(i.qualifiedName());
            }
        }
        return names;
    }

    private static String stripVersion(String name) {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    @Override
    public String toString() {
        return "WitLibrary" + packages.keySet();
    }

    /**
     * The files of the WIT package in resource directory {@code directory} of {@code loader}, in the order its {@value
     * #INDEX_FILE} lists them, named by resource name; not parsed.
     *
     * @throws IllegalArgumentException when the index or a file it lists is not on the class path, or it lists none
     */
    public static List<WitSource> readResources(ClassLoader loader, String directory) {
        requireNonNull(loader, "loader is null");
        requireNonNull(directory, "directory is null");
        String dir = directory.endsWith("/") ? directory.substring(0, directory.length() - 1) : directory;
        String indexName = dir + "/" + INDEX_FILE;
        String index = read(loader, indexName)
                .orElseThrow(() -> new IllegalArgumentException("no WIT index '" + indexName + "' on the class path of "
                        + loader + "; a WIT resource directory lists its .wit files in " + INDEX_FILE
                        + ", one per line"));
        List<WitSource> files = new ArrayList<>();
        for (String line : index.split("\\R")) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            String name = dir + "/" + entry;
            String text = read(loader, name)
                    .orElseThrow(() -> new IllegalArgumentException("WIT index '" + indexName + "' lists '" + entry
                            + "' but resource '" + name + "' is not on the class path; add the file or remove the"
                            + " line"));
            files.add(new WitSource(name, text));
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(
                    "WIT index '" + indexName + "' lists no files; list the package's .wit files, one per line");
        }
        return files;
    }

    private static Optional<String> read(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read WIT resource '" + name + "'", e);
        }
    }

    /** Collects packages; each package name may be added once. Not thread-safe. */
    public static final class Builder {
        private final Map<String, WitPackage> packages = new LinkedHashMap<>();

        private Builder() {}

        /** Adds a parsed package. */
        public Builder addPackage(WitPackage pkg) {
            requireNonNull(pkg, "pkg is null");
            if (packages.putIfAbsent(pkg.name(), pkg) != null) {
                throw new IllegalArgumentException("WIT package '" + pkg.name() + "' is added twice; a library holds"
                        + " one package per name (put all its files in one addSources or addResources call)");
            }
            return this;
        }

        /** Parses the files of one package, resolving references to the packages added so far, and adds it. */
        public Builder addSources(List<WitSource> files) {
            requireNonNull(files, "files is null");
            return addPackage(WitParser.parsePackage(files, new WitLibrary(packages)));
        }

        /**
         * Reads the package in resource directory {@code directory} of {@code loader} (its {@value #INDEX_FILE} lists
         * the {@code .wit} files), parses it against the packages added so far, and adds it.
         *
         * @throws IllegalArgumentException when the index or a file it lists is not on the class path
         * @throws WitParseException when a file does not parse; its file name is the resource name
         */
        public Builder addResources(ClassLoader loader, String directory) {
            List<WitSource> files = readResources(loader, directory);
            addSources(files);
            LOG.debug("Loaded {} WIT file(s) from class-path directory {}", files.size(), directory);
            return this;
        }

        public WitLibrary build() {
            return new WitLibrary(packages);
        }
    }

    /** Holder: the built-in package is parsed on first use. */
    private static final class Builtin {
        static final WitLibrary LIBRARY = builder()
                .addResources(WitLibrary.class.getClassLoader(), BUILTIN_DIRECTORY)
                .build();
    }
}
