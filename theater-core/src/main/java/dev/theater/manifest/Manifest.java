package dev.theater.manifest;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.supervision.SupervisionPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An actor manifest: what to run, under which limits and supervision, with which handlers. Read one with {@link
 * ManifestParser}, or build one in Java with {@link #builder}. The TOML form is documented in {@code docs/manifest.md}.
 *
 * @param name the actor's name: a letter, then letters, digits, {@code -} or {@code _}; at most 64 characters
 * @param version the actor's version; any non-blank text; default {@value #DEFAULT_VERSION}
 * @param component the actor's core wasm module
 * @param description what the actor is for, if given
 * @param initState the bytes of the actor's initial state, if given
 * @param engine the wasm engine to run this actor on, if not the runtime's default; lowercase letters, digits, {@code
 *     -}. Whether such an engine exists is checked when the actor is spawned.
 * @param saveChain whether the actor's event chain is persisted; default true
 * @param limits resource limits; {@link Limits#DEFAULT} when the manifest has no {@code [limits]}
 * @param supervision restart policy; {@link SupervisionPolicy#DEFAULT} when the manifest has no {@code [supervision]}
 * @param handlers the {@code [[handler]]} tables in file order; no two with one type. Only these handlers are active
 *     for the actor: the list is its capability grant.
 * @param origin where the manifest came from, for messages of later checks: the file name given to the parser (e.g.
 *     {@code hello.toml}), or {@value #BUILDER_ORIGIN} for a manifest built in Java
 */
public record Manifest(
        String name,
        String version,
        ComponentSource component,
        Optional<String> description,
        Optional<ComponentSource> initState,
        Optional<String> engine,
        boolean saveChain,
        Limits limits,
        SupervisionPolicy supervision,
        List<HandlerEntry> handlers,
        String origin) {

    public static final String DEFAULT_VERSION = "0.0.0";
    public static final String BUILDER_ORIGIN = "<builder>";

    /** Actor names: a letter, then letters, digits, '-' or '_'; at most 64 characters. */
    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    /** Engine and handler ids. */
    static final Pattern ID = Pattern.compile("[a-z0-9-]+");

    public Manifest {
        requireNonNull(name, "name is null");
        requireNonNull(version, "version is null");
        requireNonNull(component, "component is null");
        requireNonNull(description, "description is null");
        requireNonNull(initState, "initState is null");
        requireNonNull(engine, "engine is null");
        requireNonNull(limits, "limits is null");
        requireNonNull(supervision, "supervision is null");
        requireNonNull(handlers, "handlers is null");
        requireNonNull(origin, "origin is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be a letter followed by letters, digits, '-' or '_', "
                    + "at most 64 characters, was '" + name + "'");
        }
        if (version.isBlank()) {
            throw new IllegalArgumentException("version must not be blank");
        }
        engine.ifPresent(id -> {
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException(
                        "engine must be lowercase letters, digits and '-', was '" + id + "'");
            }
        });
        handlers = List.copyOf(handlers);
        Set<String> types = new HashSet<>();
        for (HandlerEntry handler : handlers) {
            if (!types.add(handler.type())) {
                throw new IllegalArgumentException(
                        "handler type '" + handler.type() + "' is listed twice; " + "give each handler one entry");
            }
        }
    }

    /** A builder with every optional part at its default. */
    public static Builder builder(String name, ComponentSource component) {
        return new Builder(name, component);
    }

    /** The handler entry of {@code type}, if the manifest lists it. */
    public Optional<HandlerEntry> handler(String type) {
        return handlers.stream().filter(h -> h.type().equals(type)).findFirst();
    }

    /** Builds a {@link Manifest}; {@code with*} sets, {@code add*} appends. */
    public static final class Builder {
        private final String name;
        private final ComponentSource component;
        private String version = DEFAULT_VERSION;
        private Optional<String> description = Optional.empty();
        private Optional<ComponentSource> initState = Optional.empty();
        private Optional<String> engine = Optional.empty();
        private boolean saveChain = true;
        private Limits limits = Limits.DEFAULT;
        private SupervisionPolicy supervision = SupervisionPolicy.DEFAULT;
        private final List<HandlerEntry> handlers = new ArrayList<>();
        private String origin = BUILDER_ORIGIN;

        private Builder(String name, ComponentSource component) {
            this.name = requireNonNull(name, "name is null");
            this.component = requireNonNull(component, "component is null");
        }

        public Builder withVersion(String version) {
            this.version = requireNonNull(version, "version is null");
            return this;
        }

        public Builder withDescription(String description) {
            this.description = Optional.of(requireNonNull(description, "description is null"));
            return this;
        }

        public Builder withInitState(ComponentSource initState) {
            this.initState = Optional.of(requireNonNull(initState, "initState is null"));
            return this;
        }

        public Builder withEngine(String engine) {
            this.engine = Optional.of(requireNonNull(engine, "engine is null"));
            return this;
        }

        public Builder withSaveChain(boolean saveChain) {
            this.saveChain = saveChain;
            return this;
        }

        public Builder withLimits(Limits limits) {
            this.limits = requireNonNull(limits, "limits is null");
            return this;
        }

        public Builder withSupervision(SupervisionPolicy supervision) {
            this.supervision = requireNonNull(supervision, "supervision is null");
            return this;
        }

        public Builder addHandler(HandlerEntry handler) {
            handlers.add(requireNonNull(handler, "handler is null"));
            return this;
        }

        public Builder addHandler(String type, Map<String, Object> config) {
            return addHandler(new HandlerEntry(type, config));
        }

        public Builder withOrigin(String origin) {
            this.origin = requireNonNull(origin, "origin is null");
            return this;
        }

        public Manifest build() {
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
                    origin);
        }
    }
}
