package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.HostFunction;
import dev.theater.spi.HostInterface;
import dev.theater.spi.HostLinker;
import dev.theater.wit.WitInterface;
import dev.theater.wit.WitLibrary;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link HostLinker} for one handler that turns typed bindings ({@link HostLinker#bind}) into plain functions, each
 * checked against its WIT signature, and hands every function to {@link #function}. The runtime's linker records and
 * imports them; {@link Collecting} keeps them, for tests that call a handler's functions directly.
 */
public abstract class FunctionLinker implements HostLinker {
    private final String handler;
    private final WitLibrary wit;
    private final Set<String> provides;

    /**
     * @param handler the handler type, for messages
     * @param provides the interfaces the handler provides: where its {@link dev.theater.spi.HostCall} methods bind
     *     when their class names none
     */
    protected FunctionLinker(String handler, WitLibrary wit, Set<String> provides) {
        this.handler = requireNonNull(handler, "handler is null");
        this.wit = requireNonNull(wit, "wit is null");
        this.provides = Set.copyOf(requireNonNull(provides, "provides is null"));
    }

    /** The handler type, for messages. */
    protected final String handler() {
        return handler;
    }

    @Override
    public final void bind(Object functions) {
        requireNonNull(functions, "functions is null");
        HostInterface named = functions.getClass().getAnnotation(HostInterface.class);
        if (named != null) {
            bind(named.value(), functions);
        } else if (provides.size() == 1) {
            bind(provides.iterator().next(), functions);
        } else {
            throw new IllegalArgumentException("handler '" + handler + "' binds the @HostCall methods of "
                    + functions.getClass().getName() + ", which names no interface, and provides "
                    + (provides.isEmpty() ? "no interface" : provides.size() + " interfaces " + new TreeSet<>(provides))
                    + "; annotate the class with @HostInterface(\"<namespace:package/interface>\")"
                    + (provides.isEmpty()
                            ? ", and ship that interface's WIT (HandlerFactory.witDirectories()) or name it in"
                                    + " HandlerFactory.provides()"
                            : ""));
        }
    }

    @Override
    public final void bind(String interfaceName, Object functions) {
        requireNonNull(interfaceName, "interfaceName is null");
        requireNonNull(functions, "functions is null");
        WitInterface iface = requireInterface(interfaceName);
        Map<String, HostFunction> typed;
        try {
            typed = TypedHostFunctions.of(functions, iface);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("handler '" + handler + "': " + e.getMessage(), e);
        }
        typed.forEach((name, implementation) -> function(interfaceName, name, implementation));
    }

    /**
     * The interface {@code interfaceName} of the runtime's WIT.
     *
     * @throws IllegalArgumentException with what a handler author does when no WIT declares it
     */
    protected final WitInterface requireInterface(String interfaceName) {
        return wit.findInterface(interfaceName)
                .orElseThrow(() -> new IllegalArgumentException("handler '" + handler + "' binds " + interfaceName
                        + ", but no WIT the runtime knows declares that interface: " + witHint(interfaceName)));
    }

    /** What a handler author does when the runtime's WIT lacks {@code interfaceName}. */
    static String witHint(String interfaceName) {
        int slash = interfaceName.indexOf('/');
        if (slash < 0) {
            return "write it as namespace:package/interface, as in theater:simple/runtime";
        }
        String pkg = interfaceName.substring(0, slash);
        String name = interfaceName.substring(slash + 1);
        String dir = "wit/" + pkg.replace(':', '-');
        return "put " + name + ".wit (package " + pkg + "; interface " + name + " { ... }) and an index.txt listing it"
                + " in src/main/resources/" + dir + "/ of the handler's JAR, and return \"" + dir + "\" from"
                + " HandlerFactory.witDirectories()";
    }

    /** Keeps the functions a handler binds, by {@code interface#function}, checked against the WIT. */
    public static final class Collecting extends FunctionLinker {
        private final Map<String, HostFunction> functions = new LinkedHashMap<>();

        public Collecting(String handler, WitLibrary wit, Set<String> provides) {
            super(handler, wit, provides);
        }

        @Override
        public void function(String interfaceName, String function, HostFunction implementation) {
            requireInterface(interfaceName);
            requireNonNull(implementation, "implementation is null");
            String key = interfaceName + "#" + function;
            if (functions.containsKey(key)
                    || requireInterface(interfaceName).function(function).isEmpty()) {
                throw new IllegalArgumentException("handler '" + handler() + "' binds " + key
                        + (functions.containsKey(key) ? " twice" : ", which its WIT does not declare"));
            }
            functions.put(key, implementation);
        }

        /** The bound functions by {@code interface#function}, in binding order. */
        public Map<String, HostFunction> functions() {
            return Map.copyOf(functions);
        }

        /** The functions bound in {@code interfaceName}, by function name. */
        public Map<String, HostFunction> functions(String interfaceName) {
            Map<String, HostFunction> out = new LinkedHashMap<>();
            functions.forEach((key, f) -> {
                if (key.startsWith(interfaceName + "#")) {
                    out.put(key.substring(interfaceName.length() + 1), f);
                }
            });
            return out;
        }
    }
}
