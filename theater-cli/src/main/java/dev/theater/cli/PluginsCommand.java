package dev.theater.cli;

import dev.theater.plugins.HostVersion;
import dev.theater.plugins.LoadedPlugin;
import dev.theater.plugins.PluginLoadException;
import dev.theater.runtime.HandlerInfo;
import dev.theater.runtime.TheaterRuntime;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code theater plugins}: loads the plugin directory exactly as {@code theater run} does and lists every handler
 * with its id, version, origin and the interfaces it provides. Exit 0, or 2 when a plugin cannot be loaded.
 */
@Command(
        name = "plugins",
        description = {
            "List the handlers theater run would register: built in, on the class path, and from plugin JARs.",
            "Exit codes: 0 listed, 2 a plugin JAR could not be loaded (the message names it)."
        })
final class PluginsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--home", paramLabel = "DIR", description = "the runtime home; default ~/.theater")
    Path home;

    @Mixin
    PluginsOption plugins;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path runtimeHome = home != null ? home : RunCommand.defaultHome();
        TheaterRuntime runtime;
        try {
            runtime = plugins.apply(TheaterRuntime.builder()
                            .withHome(runtimeHome)
                            .discoverHandlers(PluginsCommand.class.getClassLoader()))
                    .build();
        } catch (PluginLoadException | IllegalStateException | IllegalArgumentException e) {
            err.println("theater plugins: " + e.getMessage());
            return 2;
        }
        try (runtime) {
            Path directory = plugins.effective(runtimeHome);
            List<LoadedPlugin> loaded = runtime.plugins();
            if (loaded.isEmpty() && !Files.isDirectory(directory)) {
                out.println("plugin directory " + directory + " does not exist: no plugins");
            } else {
                out.println("plugin directory " + directory + ": " + loaded.size() + " plugin(s)");
                for (LoadedPlugin plugin : loaded) {
                    out.println("  " + plugin.id() + " " + plugin.version() + ", requires Theater " + plugin.requires()
                            + ", " + plugin.jar().getFileName());
                }
            }
            out.println();
            out.println("handlers (Theater " + HostVersion.current() + "):");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "VERSION", "PROVIDES", "ORIGIN"});
            for (HandlerInfo handler : runtime.handlers()) {
                rows.add(new String[] {
                    handler.id(),
                    handler.version(),
                    handler.provides().isEmpty()
                            ? "-"
                            : String.join(
                                    ", ", handler.provides().stream().sorted().toList()),
                    handler.origin()
                });
            }
            print(rows, out);
            out.flush();
            return 0;
        }
    }

    /** Columns padded to their widest cell; the last one is not padded. */
    private static void print(List<String[]> rows, PrintWriter out) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format("%-" + width[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
