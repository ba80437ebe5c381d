package dev.theater.plugins.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.plugins.HostVersion;
import dev.theater.plugins.LoadedPlugin;
import dev.theater.plugins.PluginLoadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.pf4j.AbstractPluginManager;
import org.pf4j.DefaultExtensionFactory;
import org.pf4j.DefaultExtensionFinder;
import org.pf4j.DefaultPluginFactory;
import org.pf4j.DefaultVersionManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.ExtensionFinder;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.PropertiesPluginDescriptorFinder;
import org.pf4j.RuntimeMode;
import org.pf4j.VersionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pf4j's plugin manager, configured for Theater: one directory of plugin JARs, always deployment mode, no
 * enabled/disabled files, the isolating class loader, and failures that stop the load with a message naming the JAR
 * where pf4j would log and disable the plugin. Plugins are loaded and resolved, never started: Theater finds their
 * handlers with {@link java.util.ServiceLoader}, not through pf4j extensions.
 */
public final class TheaterPluginManager extends AbstractPluginManager {
    private static final Logger LOG = LoggerFactory.getLogger(TheaterPluginManager.class);

    static final String DESCRIPTOR_FIX = "a plugin JAR describes itself in its META-INF/MANIFEST.MF (Plugin-Id,"
            + " Plugin-Version, Plugin-Requires) or in a plugin.properties at its root (plugin.id, plugin.version,"
            + " plugin.requires); see docs/plugins.md";

    private final String hostVersion;

    /**
     * @param directory the plugin directory (must exist)
     * @param hostVersion the host version {@code Plugin-Requires} is checked against (its pre-release suffix is
     *     dropped, see {@link HostVersion#forCompatibility})
     */
    public TheaterPluginManager(Path directory, String hostVersion) {
        super(requireNonNull(directory, "directory is null"));
        this.hostVersion = requireNonNull(hostVersion, "hostVersion is null");
        setSystemVersion(HostVersion.forCompatibility(hostVersion));
    }

    /**
     * Loads and resolves every {@code *.jar} of the directory, in file-name order.
     *
     * @throws PluginLoadException naming the first JAR that cannot be loaded; nothing stays loaded then
     */
    public List<LoadedPlugin> loadAll() {
        Path directory = getPluginsRoot();
        try {
            for (Path jar : jars(directory)) {
                load(jar);
            }
            try {
                resolvePlugins();
            } catch (PluginRuntimeException e) {
                throw new PluginLoadException(
                        directory,
                        "the plugins in " + directory + " depend on plugins that are missing or of the wrong version: "
                                + e.getMessage() + "; add the plugins they name (Plugin-Dependencies) to the directory",
                        e);
            }
            List<LoadedPlugin> loaded = new ArrayList<>();
            for (PluginWrapper plugin : getPlugins()) {
                PluginDescriptor d = plugin.getDescriptor();
                loaded.add(new LoadedPlugin(
                        d.getPluginId(),
                        d.getVersion(),
                        blankTo(d.getRequires(), "*"),
                        blankTo(d.getProvider(), ""),
                        blankTo(d.getPluginDescription(), ""),
                        plugin.getPluginPath(),
                        plugin.getPluginClassLoader()));
            }
            loaded.sort(Comparator.comparing(p -> p.jar().getFileName().toString()));
            return List.copyOf(loaded);
        } catch (RuntimeException e) {
            unloadAll();
            throw e;
        }
    }

    /** Unloads every plugin and closes its class loader. Idempotent. */
    public void unloadAll() {
        for (PluginWrapper plugin : getPlugins()) {
            try {
                unloadPlugin(plugin.getPluginId(), false, false);
            } catch (PluginRuntimeException e) {
                LOG.warn("plugin '{}' ({}) could not be unloaded", plugin.getPluginId(), plugin.getPluginPath(), e);
            }
        }
    }

    private void load(Path jar) {
        PluginDescriptor descriptor = describe(jar);
        PluginWrapper existing = plugins.get(descriptor.getPluginId());
        if (existing != null) {
            throw new PluginLoadException(
                    jar,
                    "plugin JARs " + existing.getPluginPath() + " and " + jar + " both have Plugin-Id '"
                            + descriptor.getPluginId() + "'; plugin ids must be unique in a plugin directory: remove"
                            + " one of the JARs (an older version of the same plugin?)");
        }
        checkRequires(jar, descriptor);
        try {
            loadPluginFromPath(jar);
        } catch (PluginRuntimeException e) {
            throw new PluginLoadException(jar, "cannot load plugin JAR " + jar + ": " + e.getMessage(), e);
        }
    }

    private PluginDescriptor describe(Path jar) {
        PluginDescriptor descriptor;
        try {
            descriptor = getPluginDescriptorFinder().find(jar);
        } catch (PluginRuntimeException e) {
            throw new PluginLoadException(jar, "plugin JAR " + jar + ": " + e.getMessage() + "; " + DESCRIPTOR_FIX, e);
        }
        if (isBlank(descriptor.getPluginId())) {
            throw new PluginLoadException(
                    jar, "plugin JAR " + jar + " has no Plugin-Id, so it is not a plugin; " + DESCRIPTOR_FIX);
        }
        if (isBlank(descriptor.getVersion())) {
            throw new PluginLoadException(
                    jar,
                    "plugin JAR " + jar + " (Plugin-Id '" + descriptor.getPluginId() + "') has no Plugin-Version; "
                            + DESCRIPTOR_FIX);
        }
        return descriptor;
    }

    private void checkRequires(Path jar, PluginDescriptor descriptor) {
        String requires = blankTo(descriptor.getRequires(), "*").strip();
        if (requires.equals("*")) {
            return;
        }
        // As pf4j does: a bare x.y.z means "at least x.y.z".
        String constraint = requires.matches("\\d+\\.\\d+\\.\\d+") ? ">=" + requires : requires;
        String plugin = jar + " (" + descriptor.getPluginId() + " " + descriptor.getVersion() + ")";
        boolean satisfied;
        try {
            satisfied = getVersionManager().checkVersionConstraint(getSystemVersion(), constraint);
        } catch (RuntimeException e) {
            throw new PluginLoadException(
                    jar,
                    "plugin JAR " + plugin + " has Plugin-Requires '" + requires + "', which is not a version"
                            + " constraint (" + e.getMessage() + "); write one such as '>=0.1.0' or"
                            + " '>=0.1.0 & <1.0.0'",
                    e);
        }
        if (!satisfied) {
            String checkedAs = getSystemVersion().equals(hostVersion) ? "" : " (checked as " + getSystemVersion() + ")";
            throw new PluginLoadException(
                    jar,
                    "plugin JAR " + plugin + " requires Theater " + requires + " but this host is " + hostVersion
                            + checkedAs + "; upgrade Theater, or use a version of the plugin built for "
                            + getSystemVersion());
        }
    }

    /**
     * The {@code *.jar} files of {@code directory}, by file name; anything else is logged and left alone.
     *
     * @throws PluginLoadException for a {@code *.jar} entry that is not a regular file (a directory, a broken link, a
     *     pipe): it looks like a plugin, so it is not passed over in silence
     */
    static List<Path> jars(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            List<Path> jars = new ArrayList<>();
            for (Path entry : entries.sorted(
                            Comparator.comparing(p -> p.getFileName().toString()))
                    .toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (name.toLowerCase(Locale.ROOT).endsWith(".jar")) {
                    if (!Files.isRegularFile(entry)) {
                        throw new PluginLoadException(
                                entry,
                                "plugin directory " + directory + " has " + name + ", which is " + kind(entry)
                                        + ", not a JAR file; every *.jar there is loaded as a plugin, so remove it,"
                                        + " rename it, or put the plugin's JAR file there instead (an unpacked"
                                        + " plugin is not loaded)");
                    }
                    jars.add(entry);
                } else {
                    LOG.info("plugin directory {}: ignoring {}, which is not a .jar file", directory, name);
                }
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugin directory " + directory, e);
        }
    }

    private static String kind(Path entry) {
        if (Files.isDirectory(entry)) {
            return "a directory";
        }
        if (Files.isSymbolicLink(entry) && !Files.exists(entry)) {
            return "a symbolic link to nothing";
        }
        return "not a regular file";
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankTo(String s, String fallback) {
        return isBlank(s) ? fallback : s;
    }

    @Override
    protected boolean isPluginValid(PluginWrapper pluginWrapper) {
        return true; // Plugin-Requires is checked before the plugin is loaded, and fails the load.
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected PluginRepository createPluginRepository() {
        return new PluginRepository() {
            @Override
            public List<Path> getPluginPaths() {
                return jars(getPluginsRoot());
            }

            @Override
            public boolean deletePluginPath(Path pluginPath) {
                return false; // Theater never deletes a user's plugin JAR.
            }
        };
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return new DefaultPluginFactory();
    }

    @Override
    protected ExtensionFactory createExtensionFactory() {
        return new DefaultExtensionFactory();
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new JarDescriptorFinder();
    }

    @Override
    protected ExtensionFinder createExtensionFinder() {
        return new DefaultExtensionFinder(this);
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return false; // A JAR in the directory is a plugin to load; remove the JAR to disable it.
            }

            @Override
            public void disablePlugin(String pluginId) {
                throw new UnsupportedOperationException("remove the plugin's JAR from the plugin directory instead");
            }

            @Override
            public void enablePlugin(String pluginId) {}
        };
    }

    @Override
    protected PluginLoader createPluginLoader() {
        HostApiClassLoader hostApi = new HostApiClassLoader(TheaterPluginManager.class.getClassLoader());
        return new PluginLoader() {
            @Override
            public boolean isApplicable(Path pluginPath) {
                return Files.isRegularFile(pluginPath);
            }

            @Override
            public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor pluginDescriptor) {
                IsolatingPluginClassLoader loader =
                        new IsolatingPluginClassLoader(TheaterPluginManager.this, pluginDescriptor, hostApi);
                loader.addFile(pluginPath.toFile());
                return loader;
            }
        };
    }

    @Override
    protected VersionManager createVersionManager() {
        return new DefaultVersionManager();
    }

    /**
     * Reads a JAR's descriptor from its {@code plugin.properties} when it has one, else from its manifest; without
     * either the descriptor has no id, which {@link #describe} reports.
     */
    private static final class JarDescriptorFinder implements PluginDescriptorFinder {
        private final PropertiesPluginDescriptorFinder properties = new PropertiesPluginDescriptorFinder();
        private final ManifestReader manifest = new ManifestReader();

        @Override
        public boolean isApplicable(Path pluginPath) {
            return Files.isRegularFile(pluginPath);
        }

        @Override
        public PluginDescriptor find(Path pluginPath) {
            try (JarFile jar = new JarFile(pluginPath.toFile())) {
                if (jar.getEntry(PropertiesPluginDescriptorFinder.DEFAULT_PROPERTIES_FILE_NAME) != null) {
                    return properties.find(pluginPath);
                }
                Manifest mf = jar.getManifest();
                if (mf == null) {
                    mf = new Manifest();
                    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
                }
                return manifest.describe(mf);
            } catch (IOException e) {
                throw new PluginRuntimeException(e, "cannot read it as a JAR ({})", e.getMessage());
            }
        }

        /** Exposes pf4j's manifest-to-descriptor mapping for a manifest that is already read. */
        private static final class ManifestReader extends ManifestPluginDescriptorFinder {
            PluginDescriptor describe(Manifest mf) {
                return createPluginDescriptor(mf);
            }
        }
    }
}
