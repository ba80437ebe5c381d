/** The `process` handler: OS processes through commons-exec, output streamed back into the actor. For manifest authors who grant it and for guests that import its interfaces. */
package dev.theater.handler.process;
