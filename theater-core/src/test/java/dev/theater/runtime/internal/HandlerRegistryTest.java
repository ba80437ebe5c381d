package dev.theater.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.runtime.handlers.RuntimeHandlerFactory;
import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import org.junit.jupiter.api.Test;

class HandlerRegistryTest {
    /** Another class that claims the built-in handler's id. */
    static final class Impostor implements HandlerFactory {
        @Override
        public String id() {
            return "runtime";
        }

        @Override
        public Handler create(HandlerConfig config, HandlerContext context) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void discoveryFindsTheBuiltInRuntimeHandlerWithItsOrigin() {
        HandlerRegistry registry = new HandlerRegistry();
        registry.discover(getClass().getClassLoader());

        assertThat(registry.find("runtime")).hasValueSatisfying(r -> {
            assertThat(r.factory()).isInstanceOf(RuntimeHandlerFactory.class);
            assertThat(r.origin()).startsWith("file:");
        });
    }

    @Test
    void theSameFactoryClassSeenTwiceIsRegisteredOnce() {
        HandlerRegistry registry = new HandlerRegistry();
        registry.discover(getClass().getClassLoader());
        int discovered = registry.all().size();
        registry.add(new RuntimeHandlerFactory());

        assertThat(registry.all())
                .hasSize(discovered)
                .filteredOn(r -> r.id().equals("runtime"))
                .hasSize(1);
    }

    @Test
    void twoClassesWithOneIdFailNamingBoth() {
        HandlerRegistry registry = new HandlerRegistry();
        registry.add(new RuntimeHandlerFactory());

        assertThatThrownBy(() -> registry.add(new Impostor()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two handlers have the id 'runtime'")
                .hasMessageContaining(RuntimeHandlerFactory.class.getName())
                .hasMessageContaining(Impostor.class.getName())
                .hasMessageContaining("handler ids must be unique");
    }

    @Test
    void anIdThatIsNotKebabCaseFailsNamingTheClassAndTheRule() {
        HandlerRegistry registry = new HandlerRegistry();
        HandlerFactory snake = new HandlerFactory() {
            @Override
            public String id() {
                return "my_handler";
            }

            @Override
            public Handler create(HandlerConfig config, HandlerContext context) {
                throw new UnsupportedOperationException();
            }
        };

        assertThatThrownBy(() -> registry.add(snake))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has the id 'my_handler', which is not kebab-case")
                .hasMessageContaining(snake.getClass().getName());
        assertThat(registry.all()).isEmpty();
    }
}
