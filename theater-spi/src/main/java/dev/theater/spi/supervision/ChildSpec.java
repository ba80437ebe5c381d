package dev.theater.spi.supervision;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What to start as a child: a manifest and the state its {@code init} receives.
 *
 * @param manifest the child's manifest file; a relative path is resolved against the directory of the parent's
 *     manifest
 * @param state the bytes {@code init} receives; when empty, the manifest's {@code init_state} if {@code
 *     manifestState}, else none
 * @param manifestState whether an empty {@code state} falls back to the manifest's {@code init_state}
 */
public record ChildSpec(String manifest, Optional<byte[]> state, boolean manifestState) {
    public ChildSpec {
        requireNonNull(manifest, "manifest is null");
        requireNonNull(state, "state is null");
        if (manifest.isBlank()) {
            throw new IllegalArgumentException("manifest must name a manifest file, was blank");
        }
        state = state.map(byte[]::clone);
    }

    /** {@code supervisor.spawn}: init receives {@code initBytes}, or the manifest's {@code init_state} when empty. */
    public static ChildSpec spawn(String manifest, Optional<byte[]> initBytes) {
        return new ChildSpec(manifest, initBytes, true);
    }

    /** {@code supervisor.resume}: init receives exactly {@code state} (none when empty), e.g. a saved state. */
    public static ChildSpec resume(String manifest, Optional<byte[]> state) {
        return new ChildSpec(manifest, state, false);
    }

    @Override
    public Optional<byte[]> state() {
        return state.map(byte[]::clone);
    }
}
