/** The `store` handler: Content-addressed storage with labels. For manifest authors who grant it and for guests that import its interfaces. */
package dev.theater.handler.store;
