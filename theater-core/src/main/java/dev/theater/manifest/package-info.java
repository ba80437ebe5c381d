/**
 * The actor manifest: the TOML file that names an actor's component, limits, supervision policy and the handlers it
 * may use. For the runtime and the CLI, which load manifests with {@link dev.theater.manifest.ManifestParser}; handler
 * authors see only their own {@code [[handler]]} table, as a plain map. The file format is documented in
 * {@code docs/manifest.md}.
 */
package dev.theater.manifest;
