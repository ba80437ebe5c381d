/**
 * Guice embedding, for applications that build their object graph with Guice: {@link
 * dev.theater.guice.TheaterModule} installs the runtime, handlers arrive through {@code Multibinder<HandlerFactory>},
 * and each way of finding more handlers is a module of its own ({@link dev.theater.guice.ClasspathHandlersModule},
 * {@link dev.theater.guice.PluginDirectoryModule}). Modules do no I/O and have no branches: discovery and plugin
 * loading happen when the runtime is first injected. Guice is an optional dependency of theater-core; applications
 * that use this package bring it themselves. See {@code docs/guice.md}.
 */
package dev.theater.guice;
