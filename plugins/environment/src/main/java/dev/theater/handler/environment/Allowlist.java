package dev.theater.handler.environment;

import java.util.List;

/** Exact variable names and prefixes ({@code APP_*}) an actor may see. */
record Allowlist(List<String> entries) {
    Allowlist {
        entries = List.copyOf(entries);
    }

    boolean allows(String name) {
        for (String entry : entries) {
            if (entry.endsWith("*") ? name.startsWith(entry.substring(0, entry.length() - 1)) : name.equals(entry)) {
                return true;
            }
        }
        return false;
    }
}
