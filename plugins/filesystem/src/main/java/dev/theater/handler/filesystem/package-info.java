/**
 * The {@code filesystem} handler plugin: {@code theater:simple/filesystem} confined to the directories an actor's
 * manifest grants. A guest path can leave its root neither through {@code ..}, nor as an absolute path, nor through
 * a symbolic link. Shipped as a drop-in JAR. Nothing here is API.
 */
package dev.theater.handler.filesystem;
