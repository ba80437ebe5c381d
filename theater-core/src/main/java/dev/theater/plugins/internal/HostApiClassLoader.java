package dev.theater.plugins.internal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent of every plugin class loader: the JDK (platform classes) plus exactly the host packages a plugin may
 * share, {@code dev.theater.spi} and {@code org.slf4j}. Every other class of the host (the runtime, engines, Jackson,
 * Guice, ...) is invisible to plugins, so a plugin's own libraries never meet the host's.
 */
final class HostApiClassLoader extends ClassLoader {
    /** The packages (with their subpackages) a plugin loads from the host, and only from the host. */
    static final List<String> HOST_PACKAGES = List.of("dev.theater.spi.", "org.slf4j.");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader host;

    HostApiClassLoader(ClassLoader host) {
        super("theater-host-api", ClassLoader.getPlatformClassLoader());
        this.host = requireNonNull(host, "host is null");
    }

    static boolean isHostClass(String className) {
        for (String prefix : HOST_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHostResource(String name) {
        return isHostClass(name.replace('/', '.'));
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isHostClass(name)) {
            return host.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    protected URL findResource(String name) {
        return isHostResource(name) ? host.getResource(name) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return isHostResource(name) ? host.getResources(name) : Collections.emptyEnumeration();
    }
}
