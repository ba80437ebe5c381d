package dev.theater.abi;

import static dev.theater.engine.ValType.I32;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.abi.testing.FakeInstance;
import dev.theater.abi.testing.FakeInstance.Realloc;
import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.HostImport;
import dev.theater.spi.WitRecord;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The worked examples of docs/abi.md, byte for byte. */
class AbiWorkedExampleTest {
    private static final String ECHO_POINT = Conformance.GUEST + "#echo-point";

    private static WitRecord point(int x, int y, String label) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("x", x);
        fields.put("y", y);
        fields.put("label", label);
        return new WitRecord(fields);
    }

    @Test
    void exportCallOfEchoPointHasTheBytesTheDocumentShows() {
        FakeInstance guest = new FakeInstance(65536, 0x1000);
        guest.withExport(ECHO_POINT, CoreFunctionType.of(List.of(I32, I32, I32, I32), List.of(I32)), (self, a) -> {
            // What a wit-bindgen guest does: copy the label, fill a return area, return its address.
            byte[] label = self.memory().read((int) a[2], (int) a[3]);
            int copy = self.malloc(1, label.length);
            self.memory().write(copy, label);
            int area = self.malloc(4, 16);
            self.memory().writeInt(area, (int) a[0]);
            self.memory().writeInt(area + 4, (int) a[1]);
            self.memory().writeInt(area + 8, copy);
            self.memory().writeInt(area + 12, label.length);
            return new long[] {area};
        });
        guest.withExport(
                "cabi_post_" + ECHO_POINT, CoreFunctionType.of(List.of(I32), List.of()), (self, a) -> new long[0]);

        Object result = ExportFunction.of(ECHO_POINT, Conformance.echoPoint()).call(guest, List.of(point(1, -2, "hi")));

        // 1. The host allocates the label in the guest and writes its UTF-8 bytes there.
        assertThat(guest.reallocs()).containsExactly(new Realloc(0, 0, 1, 2, 0x1000));
        assertThat(guest.memory().hex(0x1000, 2)).isEqualTo("6869");
        // 2. The export is called with the four flat values of the record.
        assertThat(guest.calls(ECHO_POINT).get(0).args()).containsExactly(1L, -2L, 0x1000L, 2L);
        // 3. It returns 0x1004, the address of its return area: x, y, label pointer, label length.
        assertThat(guest.memory().hex(0x1002, 2)).isEqualTo("6869");
        assertThat(guest.memory().hex(0x1004, 16)).isEqualTo("01000000" + "feffffff" + "02100000" + "02000000");
        // 4. The host lifts the point from there, then calls the post-return function with the flat results.
        assertThat(WitValues.deepEquals(result, point(1, -2, "hi"))).isTrue();
        assertThat(guest.calls("cabi_post_" + ECHO_POINT).get(0).args()).containsExactly(0x1004L);
    }

    @Test
    void importCallOfEchoPointHasTheBytesTheDocumentShows() {
        FakeInstance guest = new FakeInstance(65536, 0x1000);
        AtomicReference<List<Object>> received = new AtomicReference<>();
        HostImport echo = HostImports.bind(Conformance.HOST, Conformance.echoPoint(), args -> {
            received.set(args);
            return args.get(0);
        });
        // The guest has its label at 0x1000 and a 16-byte return area at 0x1004.
        int label = guest.malloc(1, 2);
        guest.memory().write(label, "hi".getBytes(StandardCharsets.UTF_8));
        int returnArea = guest.malloc(4, 16);

        long[] results = guest.callImport(echo, 1, -2, label, 2, returnArea);

        assertThat(echo.type()).isEqualTo(CoreFunctionType.of(List.of(I32, I32, I32, I32, I32), List.of()));
        assertThat(results).isEmpty();
        assertThat(WitValues.deepEquals(received.get(), List.of(point(1, -2, "hi"))))
                .isTrue();
        // The host allocates its copy of the label with the caller's cabi_realloc and fills the return area.
        assertThat(guest.reallocs()).containsExactly(new Realloc(0, 0, 1, 2, 0x1014));
        assertThat(guest.memory().hex(0x1014, 2)).isEqualTo("6869");
        assertThat(guest.memory().hex(0x1004, 16)).isEqualTo("01000000" + "feffffff" + "14100000" + "02000000");
    }
}
