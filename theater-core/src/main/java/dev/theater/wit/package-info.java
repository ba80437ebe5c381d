/**
 * WIT (WebAssembly Interface Types): the parser and the resolved type model that the canonical ABI lifts and lowers
 * from. For the runtime and for handler authors who want to inspect an interface; WIT files are the source of truth
 * for every host/guest contract.
 */
package dev.theater.wit;
