package dev.theater.chain;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.spi.ChainEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worked example of docs/chain.md, byte for byte: if this fails, the code or the document is wrong. */
class WorkedExampleTest {
    private static final HexFormat HEX = HexFormat.of();

    static final String GENESIS_ENCODING = "746865617465722d636861696e2d7631"
            + "0000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000000"
            + "00062ab06a436f35"
            + "00000009" + "6c6966656379636c65"
            + "00000008" + "7374617274696e67"
            + "00";
    static final String GENESIS_HASH = "888ce779c1a31a721cddac2d8bb39062041947cb3896397fd614c5429639e473";

    static final String EXAMPLE_ENCODING = "746865617465722d636861696e2d7631"
            + "0000000000000001"
            + "888ce779c1a31a721cddac2d8bb39062041947cb3896397fd614c5429639e473"
            + "00062ab06a436fa4"
            + "00000009" + "686f73742d63616c6c"
            + "00000005" + "68656c6c6f"
            + "01" + "00000012" + "72756e74696d652e6c6f673a2068656c6c6f";
    static final String EXAMPLE_HASH = "eaf0d24c54b4b375602e2129a441d8045b24c355132e43dbd2113b6d97d45202";

    static final String FILE_WITH_GENESIS =
            "895443480d0a1a0a" + "00000001" + "0000007a" + "521d37f2" + GENESIS_ENCODING + GENESIS_HASH + "ea24e297";

    private static ChainEvent genesis() {
        return ChainEvents.compute(
                0,
                ChainEvents.zeroHash(),
                "lifecycle",
                "starting".getBytes(UTF_8),
                Instant.parse("2025-01-02T03:04:05.678901Z"),
                Optional.empty());
    }

    private static ChainEvent example() {
        return ChainEvents.compute(
                1,
                HEX.parseHex(GENESIS_HASH),
                "host-call",
                "hello".getBytes(UTF_8),
                Instant.parse("2025-01-02T03:04:05.679012Z"),
                Optional.of("runtime.log: hello"));
    }

    @Test
    void theGenesisEventEncodesAndHashesAsDocumented() {
        ChainEvent genesis = genesis();

        assertThat(HEX.formatHex(ChainEvents.canonicalEncoding(genesis))).isEqualTo(GENESIS_ENCODING);
        assertThat(genesis.hashHex()).isEqualTo(GENESIS_HASH);
    }

    @Test
    void theExampleEventEncodesAndHashesAsDocumented() {
        ChainEvent example = example();

        assertThat(HEX.formatHex(ChainEvents.canonicalEncoding(example))).isEqualTo(EXAMPLE_ENCODING);
        assertThat(ChainEvents.canonicalEncoding(example)).hasSize(109);
        assertThat(example.hashHex()).isEqualTo(EXAMPLE_HASH);
        assertThat(Chain.verify(List.of(genesis(), example())))
                .isEqualTo(new VerifyResult.Intact(2, HEX.parseHex(EXAMPLE_HASH)));
    }

    @Test
    void aChainWithTheGenesisEventIsTheDocumentedFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("example.chain");
        try (ChainWriter writer = ChainWriter.create(file)) {
            writer.append(genesis());
        }

        assertThat(HEX.formatHex(Files.readAllBytes(file))).isEqualTo(FILE_WITH_GENESIS);
    }

    @Test
    void theDocumentStatesTheseBytes() throws IOException {
        Path doc = Path.of("..", "docs", "chain.md");
        String compact = Files.readString(doc).replaceAll("\\s", "");

        assertThat(compact)
                .contains(GENESIS_ENCODING)
                .contains(GENESIS_HASH)
                .contains(EXAMPLE_ENCODING)
                .contains(EXAMPLE_HASH)
                .contains(FILE_WITH_GENESIS);
    }
}
