package dev.theater.wit;

import static java.util.Objects.requireNonNull;

/**
 * The text of one WIT file and the name errors report it under (a path or a class-path resource name).
 *
 * @param fileName the name {@link WitParseException} reports, e.g. {@code wit/theater-simple/runtime.wit}
 * @param text the WIT source
 */
public record WitSource(String fileName, String text) {
    public WitSource {
        requireNonNull(fileName, "fileName is null");
        requireNonNull(text, "text is null");
    }
}
