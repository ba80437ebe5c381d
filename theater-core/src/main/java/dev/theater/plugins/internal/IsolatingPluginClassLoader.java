package dev.theater.plugins.internal;

import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * One plugin's class loader. {@code dev.theater.spi} and {@code org.slf4j} always come from the host (even when the
 * plugin bundles a copy), so the host and the plugin agree on {@code HandlerFactory}; every other class comes from the
 * plugin JAR first, then from the plugins it depends on, then from the JDK. Nothing else of the host is visible.
 */
final class IsolatingPluginClassLoader extends PluginClassLoader {
    static {
        registerAsParallelCapable();
    }

    IsolatingPluginClassLoader(PluginManager manager, PluginDescriptor descriptor, HostApiClassLoader parent) {
        super(manager, descriptor, parent, ClassLoadingStrategy.PDA);
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
        return HostApiClassLoader.isHostClass(className);
    }

    @Override
    public String toString() {
        return "plugin class loader of " + (getURLs().length == 0 ? "(no JAR)" : getURLs()[0].toString());
    }
}
