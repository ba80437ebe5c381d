/**
 * The pf4j side of plugin loading: the plugin manager that fails loudly instead of disabling a plugin, and the class
 * loaders that give a plugin only the SPI and slf4j from the host. Internal to {@link dev.theater.plugins}.
 */
package dev.theater.plugins.internal;
