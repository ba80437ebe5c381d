/**
 * Handlers built into theater-core and registered through {@code META-INF/services}, such as {@code runtime}. For
 * the runtime's discovery; applications grant them in manifests like any other handler.
 */
package dev.theater.runtime.handlers;
