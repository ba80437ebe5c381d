package dev.theater.spi;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The entry point of a handler, found with {@link java.util.ServiceLoader} (list the class in {@code
 * META-INF/services/dev.theater.spi.HandlerFactory}). Stateless and thread-safe: the runtime creates one {@link
 * Handler} per actor whose manifest grants this handler with {@code [[handler]] type = "<id>"}.
 */
public interface HandlerFactory {
    /** The handler type a manifest names: kebab-case, unique among all handlers; a duplicate fails startup. */
    String id();

    /** The version reported at discovery; defaults to the jar's {@code Implementation-Version}. */
    default String version() {
        String version = getClass().getPackage().getImplementationVersion();
        return version == null ? "unversioned" : version;
    }

    /**
     * The interfaces this handler's handlers provide to guests that the WIT it brings ({@link #witDirectories()}) does
     * not already say: the runtime adds every interface of the packages the factory brings, so a handler of its own
     * WIT package declares nothing here. Handlers of built-in interfaces (e.g. {@code theater:simple/process}) name
     * them. Used before any handler exists, to tell a user which handler to grant when a guest imports an interface no
     * granted handler provides. Default: none.
     */
    default Set<String> provides() {
        return Set.of();
    }

    /**
     * The resolver this handler offers for manifest references of the form {@code store:<store-id>/<sha256-hex>}
     * (an actor's {@code component} or {@code init_state}), if it keeps such stores. The runtime asks the registered
     * factories in registration order and uses the first resolver it finds.
     */
    default Optional<ContentResolver> contentResolver() {
        return Optional.empty();
    }

    /**
     * Creates the handler for one actor. Validate {@code config} here: a bad value throws {@link
     * HandlerConfigException} naming the key and the expected form, which fails the spawn (the runtime prefixes the
     * message with the manifest file, the handler type and the actor). {@code context} holds the runtime services the
     * handler may keep.
     */
    Handler create(HandlerConfig config, HandlerContext context);

    /**
     * The WIT this handler brings for the interfaces it provides that theater-core does not ship (everything outside
     * {@code theater:simple}): class-path resource directories, read through this factory's class loader (a plugin's
     * come from its own JAR). Each directory holds the {@code .wit} files of one package and an {@code index.txt}
     * listing them, one per line; list a package before the packages that {@code use} it. The runtime adds them to
     * its WIT library when it is built; the same package added twice must have the same content. Every interface of
     * these packages counts as provided by this handler ({@link #provides()}).
     */
    default List<String> witDirectories() {
        return List.of();
    }
}
