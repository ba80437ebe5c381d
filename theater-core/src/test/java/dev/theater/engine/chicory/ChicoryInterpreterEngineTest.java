package dev.theater.engine.chicory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.runtime.Machine;
import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.HostImport;
import dev.theater.engine.InstanceLimits;
import dev.theater.engine.ValType;
import dev.theater.engine.WasmEngine;
import dev.theater.engine.WasmEngineContractTest;
import dev.theater.engine.WasmException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine contract on Chicory's interpreter: the path modules take when the compiler cannot handle them. */
class ChicoryInterpreterEngineTest extends WasmEngineContractTest {
    @Override
    protected WasmEngine engine() {
        return ChicoryEngine.interpreterOnly();
    }

    @Test
    void aFailureInInterpretedCodeReplacesTheInterpreterItLeftFull() {
        CoreFunctionType i32ToI32 = CoreFunctionType.of(List.of(ValType.I32), List.of(ValType.I32));
        List<HostImport> imports = List.of(
                new HostImport("test:host/env", "twice", i32ToI32, (caller, args) -> args),
                new HostImport("test:host/env", "reenter", i32ToI32, (caller, args) -> args),
                new HostImport(
                        "test:host/env", "fail", CoreFunctionType.of(List.of(), List.of()), (caller, args) -> null));
        try (ChicoryInstance instance =
                (ChicoryInstance) engine().compile(guest("basics")).instantiate(imports, InstanceLimits.DEFAULT)) {
            ReplaceableMachine machine =
                    (ReplaceableMachine) instance.chicoryInstance().getMachine();
            Machine first = machine.current();
            instance.call("add", 1, 2);
            assertThat(machine.current()).isSameAs(first);

            assertThatThrownBy(() -> instance.call("recurse", 0)).isInstanceOf(WasmException.Trap.class);
            assertThat(machine.current()).isNotSameAs(first);
            assertThat(instance.call("add", 1, 2)).containsExactly(3);
        }
    }
}
