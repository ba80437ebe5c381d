/**
 * Integration tests of the first-party plugins, run by failsafe against the built JARs, loaded from a plugin
 * directory as users load them. For the project's build, not for users.
 */
package dev.theater.plugins.it;
