package dev.theater.runtime.internal;

import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.FunctionImport;
import dev.theater.engine.WasmModule;
import dev.theater.manifest.Manifest;
import dev.theater.runtime.SpawnException;
import dev.theater.spi.Handler;
import dev.theater.wit.WitLibrary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The manifest is the capability grant: every function a guest imports must be bound by a handler it grants, with the
 * core type of the function's WIT. A failure names the import and what to do: the handler to grant, the function the
 * granted handler lacks, or the guest to rebuild.
 */
final class ImportCheck {
    private ImportCheck() {}

    /** @throws SpawnException naming the first import that is not bound as its WIT says */
    static void check(
            Manifest manifest,
            WasmModule module,
            ActorLinker linker,
            Map<String, Handler> active,
            HandlerRegistry handlers,
            WitLibrary wit) {
        String name = manifest.name();
        for (FunctionImport imp : module.functionImports()) {
            String qualified = imp.module() + "#" + imp.name();
            Optional<ActorLinker.Binding> binding = linker.binding(imp.module(), imp.name());
            if (binding.isPresent()) {
                CoreFunctionType expected = binding.get().hostImport().type();
                if (!expected.equals(imp.type())) {
                    throw new SpawnException(
                            name,
                            "actor '" + name + "' imports " + qualified + " with core type " + imp.type()
                                    + ", but its WIT signature "
                                    + binding.get().function().signature()
                                    + " lowers to " + expected + " under the canonical ABI; rebuild the guest"
                                    + " against the WIT of " + imp.module());
                }
                continue;
            }
            for (Map.Entry<String, Handler> entry : active.entrySet()) {
                if (entry.getValue().imports().contains(imp.module())) {
                    String detail = wit.findInterface(imp.module())
                            .map(i -> i.function(imp.name()).isPresent()
                                    ? "it does not bind that function"
                                    : "WIT interface " + imp.module() + " has no function '" + imp.name()
                                            + "'; its functions are: "
                                            + String.join(", ", i.functions().keySet()))
                            .orElse("it does not bind that function");
                    throw new SpawnException(
                            name,
                            "actor '" + name + "' imports " + qualified + " but handler '" + entry.getKey()
                                    + "', which provides " + imp.module() + ", does not: " + detail
                                    + (detail.startsWith("it does not bind")
                                            ? " (a typed handler binds it with a @HostCall method of that name)"
                                            : ""));
                }
            }
            List<String> providers = handlers.all().stream()
                    .filter(r -> r.provides().contains(imp.module()))
                    .map(HandlerRegistry.Registered::id)
                    .toList();
            if (!providers.isEmpty()) {
                throw new SpawnException(
                        name,
                        "actor '" + name + "' imports " + qualified + " but no active handler provides it; add"
                                + " [[handler]] type = \"" + providers.get(0) + "\" to "
                                + ActorSpawner.origin(manifest));
            }
            String registered = handlers.all().isEmpty()
                    ? "(none)"
                    : handlers.all().stream()
                            .map(r -> r.id() + " " + r.provides())
                            .collect(Collectors.joining(", "));
            throw new SpawnException(
                    name,
                    "actor '" + name + "' imports " + qualified + " but no registered handler provides "
                            + imp.module() + "; registered handlers: " + registered + ". Register a handler that"
                            + " provides it (TheaterRuntime.builder().addHandler(...) or a"
                            + " META-INF/services/dev.theater.spi.HandlerFactory entry), or remove the import");
        }
    }
}
