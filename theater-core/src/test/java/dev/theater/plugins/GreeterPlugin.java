package dev.theater.plugins;

/**
 * A plugin with one handler that provides {@code test:greeter/greeter#greet}, whose WIT it ships, and that bundles a
 * library class {@code greeter.lib.Greeting}: two such plugins with different library versions hold two different
 * classes of the same name.
 */
public final class GreeterPlugin {
    public static final String INTERFACE = "test:greeter/greeter";

    public static final String WIT_TEXT = """
            package test:greeter;

            interface greeter {
                greet: func(name: string) -> string;
            }
            """;

    private GreeterPlugin() {}

    /**
     * @param pluginId the {@code Plugin-Id} (and JAR name)
     * @param handlerId the handler's id
     * @param libraryVersion the version of the bundled {@code greeter.lib.Greeting}; the factory reports it as its
     *     version and the greeting names it
     */
    public static TestPluginJar jar(String pluginId, String handlerId, String libraryVersion) {
        String factory = "greeter." + pluginId.replace('-', '_') + ".GreeterFactory";
        return TestPluginJar.plugin(pluginId, "1.0.0")
                .manifest("Plugin-Requires", ">=0.1.0")
                .source("greeter.lib.Greeting", """
                        package greeter.lib;

                        public final class Greeting {
                            public static final String VERSION = "%s";

                            public static String greet(String name) {
                                return "hello, " + name + " (greeting library " + VERSION + ")";
                            }
                        }
                        """.formatted(libraryVersion))
                .source(factory, """
                        package %s;

                        import dev.theater.spi.ActorController;
                        import dev.theater.spi.ActorExecutor;
                        import dev.theater.spi.Handler;
                        import dev.theater.spi.HandlerConfig;
                        import dev.theater.spi.HandlerContext;
                        import dev.theater.spi.HandlerFactory;
                        import dev.theater.spi.HostLinker;
                        import dev.theater.spi.Shutdown;
                        import greeter.lib.Greeting;
                        import java.util.List;
                        import java.util.Set;
                        import org.slf4j.LoggerFactory;

                        public final class GreeterFactory implements HandlerFactory {
                            public String id() {
                                return "%s";
                            }

                            public String version() {
                                return Greeting.VERSION;
                            }

                            public Set<String> provides() {
                                return Set.of("%s");
                            }

                            public List<String> witDirectories() {
                                return List.of("wit/test-greeter");
                            }

                            public Handler create(HandlerConfig config, HandlerContext context) {
                                config.requireOnly();
                                LoggerFactory.getLogger(GreeterFactory.class).debug("greeter for {}", config.actorName());
                                return new Handler() {
                                    public Set<String> imports() {
                                        return Set.of("%s");
                                    }

                                    public Set<String> exports() {
                                        return Set.of();
                                    }

                                    public void link(HostLinker linker) {
                                        linker.function("%s", "greet", args -> Greeting.greet((String) args.get(0)));
                                    }

                                    public void start(ActorExecutor executor, ActorController controller, Shutdown shutdown) {}
                                };
                            }
                        }
                        """.formatted(
                        factory.substring(0, factory.lastIndexOf('.')), handlerId, INTERFACE, INTERFACE, INTERFACE))
                .resource("wit/test-greeter/index.txt", "greeter.wit\n")
                .resource("wit/test-greeter/greeter.wit", WIT_TEXT)
                .services(factory);
    }
}
