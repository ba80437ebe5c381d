/** The {@code theater} command line: for people running actors from a terminal and for scripts. */
package dev.theater.cli;
