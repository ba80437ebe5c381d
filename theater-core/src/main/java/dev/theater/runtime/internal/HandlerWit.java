package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.HandlerFactory;
import dev.theater.wit.WitLibrary;
import dev.theater.wit.WitPackage;
import dev.theater.wit.WitParseException;
import dev.theater.wit.WitParser;
import dev.theater.wit.WitSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the WIT packages that registered handlers bring ({@link HandlerFactory#witDirectories()}) to a runtime's WIT
 * library, each read through its factory's class loader. A package the library already has is fine when its content
 * is the same (e.g. also passed with {@code withWitLibrary}); a different package under the same name fails.
 */
public final class HandlerWit {
    private static final Logger LOG = LoggerFactory.getLogger(HandlerWit.class);

    private HandlerWit() {}

    /**
     * @throws IllegalStateException naming the handler, its origin and the package when a WIT directory cannot be read
     *     or parsed, or clashes with a package of the same name
     */
    public static WitLibrary extend(WitLibrary base, HandlerRegistry registry) {
        requireNonNull(base, "base is null");
        requireNonNull(registry, "registry is null");
        WitLibrary library = base;
        for (HandlerRegistry.Registered handler : registry.all()) {
            HandlerFactory factory = handler.factory();
            Set<String> provided = new LinkedHashSet<>();
            for (String directory : handler.call("witDirectories()", factory::witDirectories)) {
                library = add(library, handler, directory, provided);
            }
            registry.addProvides(handler.id(), provided);
        }
        return library;
    }

    private static WitLibrary add(
            WitLibrary library, HandlerRegistry.Registered handler, String directory, Set<String> provided) {
        String who = "handler '" + handler.id() + "' from " + handler.origin();
        WitPackage pkg;
        try {
            List<WitSource> files =
                    WitLibrary.readResources(handler.factory().getClass().getClassLoader(), directory);
            pkg = WitParser.parsePackage(files, library);
        } catch (IllegalArgumentException | WitParseException e) {
            throw new IllegalStateException(
                    who + " names the WIT directory '" + directory + "' in witDirectories(), which cannot be loaded: "
                            + e.getMessage() + "; ship the directory with its index.txt in the handler's JAR",
                    e);
        }
        pkg.interfaces().values().forEach(i -> provided.add(i.qualifiedName()));
        Optional<WitPackage> existing = library.findPackage(pkg.name());
        if (existing.isPresent()) {
            if (existing.get().equals(pkg)) {
                LOG.debug("WIT package {} of {} is already in the library", pkg.name(), who);
                return library;
            }
            throw new IllegalStateException(
                    who + " brings the WIT package '" + pkg.name() + "' (directory '" + directory
                            + "'), but the runtime already has a different package of that name (built in, from"
                            + " withWitLibrary, or from another handler); rename one of the packages");
        }
        LOG.debug("WIT package {} from {}", pkg.name(), who);
        return library.toBuilder().addPackage(pkg).build();
    }
}
