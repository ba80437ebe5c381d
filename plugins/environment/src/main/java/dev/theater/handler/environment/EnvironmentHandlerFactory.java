package dev.theater.handler.environment;

import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerConfigException;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code environment} handler. Configuration: {@code allow} (list of strings, default empty), the variables an
 * actor may see: exact names ({@code "HOME"}) or prefixes ending in {@code *} ({@code "APP_*"}; {@code "*"} alone
 * allows every variable). A variable that is not allowed looks to the actor exactly like one that is not set.
 */
public final class EnvironmentHandlerFactory implements HandlerFactory {
    static final String ID = "environment";
    static final String INTERFACE = "theater:simple/environment";
    private static final Pattern ENTRY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*\\*?|\\*");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> provides() {
        return Set.of(INTERFACE);
    }

    @Override
    public Handler create(HandlerConfig config, HandlerContext context) {
        config.requireOnly("allow");
        List<String> allow = config.strings("allow").orElse(List.of());
        for (String entry : allow) {
            if (!ENTRY.matcher(entry).matches()) {
                throw new HandlerConfigException(
                        "allow",
                        "allow has the entry \"" + entry
                                + "\", which is neither a variable name nor a prefix ending in * (e.g. \"HOME\","
                                + " \"APP_*\")");
            }
        }
        return new EnvironmentHandler(new Allowlist(allow), System::getenv);
    }
}
