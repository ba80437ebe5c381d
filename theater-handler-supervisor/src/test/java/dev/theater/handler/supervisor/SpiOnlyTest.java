package dev.theater.handler.supervisor;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The handler's main code uses only the SPI of core: it would run unchanged against any runtime that offers it. */
class SpiOnlyTest {
    private static final Pattern THEATER_TYPE = Pattern.compile("dev/theater/[a-z0-9_/]+/[A-Za-z0-9_$]+");

    @Test
    void mainClassesReferToNoCorePackageButTheSpi() throws Exception {
        Path classes = Path.of(SupervisorHandlerFactory.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertThat(files).isNotEmpty();

        TreeSet<String> foreign = new TreeSet<>();
        List<String> seen = new ArrayList<>();
        for (Path file : files) {
            for (String type : referencedTheaterTypes(file)) {
                seen.add(type);
                if (!type.startsWith("dev/theater/spi/") && !type.startsWith("dev/theater/handler/supervisor/")) {
                    foreign.add(classes.relativize(file) + " -> " + type);
                }
            }
        }

        assertThat(seen).anyMatch(t -> t.startsWith("dev/theater/spi/"));
        assertThat(foreign).as("references outside dev.theater.spi").isEmpty();
    }

    /** Theater types named in the class file's constant pool (class names and descriptors alike). */
    private static List<String> referencedTheaterTypes(Path classFile) throws IOException {
        String text = new String(Files.readAllBytes(classFile), ISO_8859_1);
        List<String> types = new ArrayList<>();
        Matcher m = THEATER_TYPE.matcher(text);
        while (m.find()) {
            types.add(m.group());
        }
        return types;
    }
}
