package com.example.guice;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.theater.guice.ClasspathHandlersModule;
import dev.theater.guice.TheaterModule;
import dev.theater.guice.TheaterSettings;
import dev.theater.runtime.TheaterRuntime;
import java.nio.file.Path;
import java.util.List;

/**
 * Embeds Theater in a Guice application: {@link TheaterModule} installs the runtime, {@link ClasspathHandlersModule}
 * adds the handlers on the class path (the built-in {@code runtime} handler here), and {@link Greetings} gets the
 * runtime injected. Run it with {@code mvn -q compile exec:java} (see README.md).
 */
public final class GuiceEmbeddingExample {
    private GuiceEmbeddingExample() {}

    public static void main(String[] args) {
        List<String> names = args.length > 0 ? List.of(args) : List.of("Ada", "Grace");
        int counted = run(Path.of("target", "theater-home"), names);
        System.out.println("the greeter actor counted " + counted + " messages");
    }

    /** Builds the injector, lets {@link Greetings} talk to an actor, and closes the runtime. */
    static int run(Path home, List<String> names) {
        Injector injector = Guice.createInjector(
                new TheaterModule(TheaterSettings.defaults().withHome(home.toAbsolutePath())),
                new ClasspathHandlersModule());
        try (TheaterRuntime runtime = injector.getInstance(TheaterRuntime.class)) {
            return injector.getInstance(Greetings.class).greet(names);
        }
    }
}
