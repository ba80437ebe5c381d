package com.example.echo;

import dev.theater.spi.HostCall;
import dev.theater.spi.WitResult;
import dev.theater.spi.Handler;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One actor's example:echo/echo. Each {@link HostCall} method is the WIT function of the same name, checked against
 * echo.wit when the actor is linked. Theater records every call in the actor's chain; the handler does not.
 */
final class EchoHandler implements Handler {
    private final String prefix;
    private final AtomicLong calls = new AtomicLong();

    EchoHandler(String prefix) {
        this.prefix = prefix;
    }

    @HostCall
    String echo(String message) {
        calls.incrementAndGet();
        return prefix + message;
    }

    @HostCall
    WitResult<String, String> reverse(String message) {
        calls.incrementAndGet();
        if (message.isEmpty()) {
            return WitResult.err("reverse: the message is empty; send at least one character");
        }
        return WitResult.ok(new StringBuilder(message).reverse().toString());
    }

    @HostCall
    long count() {
        return calls.incrementAndGet();
    }
}
