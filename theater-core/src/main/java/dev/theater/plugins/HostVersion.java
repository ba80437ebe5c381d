package dev.theater.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of theater-core, which a plugin's {@code Plugin-Requires} is checked against. A pre-release or build
 * suffix is dropped for the check ({@code 0.1.0-SNAPSHOT} counts as {@code 0.1.0}), so that a development build of
 * the host loads the plugins written for the release it becomes.
 */
public final class HostVersion {
    private static final String RESOURCE = "host-version.properties";

    private HostVersion() {}

    /** The version theater-core was built as, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String current() {
        return Holder.VERSION;
    }

    /** {@code version} without its pre-release and build suffix: {@code 0.1.0-SNAPSHOT} becomes {@code 0.1.0}. */
    public static String forCompatibility(String version) {
        int cut = version.length();
        int dash = version.indexOf('-');
        int plus = version.indexOf('+');
        if (dash >= 0) {
            cut = dash;
        }
        if (plus >= 0 && plus < cut) {
            cut = plus;
        }
        return version.substring(0, cut);
    }

    private static final class Holder {
        static final String VERSION = read();

        private static String read() {
            try (InputStream in = HostVersion.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("theater-core has no " + RESOURCE + " next to "
                            + HostVersion.class.getName() + "; the build filters it from src/main/resources");
                }
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version", "").strip();
                if (version.isEmpty() || version.startsWith("${")) {
                    throw new IllegalStateException(RESOURCE + " of theater-core holds no version ('" + version
                            + "'); build theater-core with Maven, which fills it in");
                }
                return version;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE + " of theater-core", e);
            }
        }
    }
}
