/**
 * Drop-in handler plugins: JARs in a plugin directory, each with a pf4j descriptor ({@code Plugin-Id}, {@code
 * Plugin-Version}, {@code Plugin-Requires}) and its own class loader. For the runtime (which loads {@code
 * <home>/plugins} when it is built), the CLI ({@code theater plugins}) and tools that inspect a plugin directory;
 * plugin authors never use this package, they implement {@link dev.theater.spi.HandlerFactory}. Nothing here leaks
 * into the SPI: handlers are found with {@link java.util.ServiceLoader} over each plugin's class loader, the same
 * discovery path as for the class path. {@code docs/plugins.md} describes the format and the rules.
 */
package dev.theater.plugins;
