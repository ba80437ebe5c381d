/**
 * The supervision SPI, for handlers that supervise children (the built-in {@code supervisor} handler): the actor tree
 * as one actor sees it, child specs and restart policies, and how a child ended. An ordinary handler never needs this
 * package; it reaches the tree through {@link dev.theater.spi.HandlerContext#actorTree()}.
 */
package dev.theater.spi.supervision;
