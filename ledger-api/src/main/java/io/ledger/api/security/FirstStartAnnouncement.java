package io.ledger.api.security;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Holds the first-start message with the generated admin key until the ledger is ready, then prints it once to
 * the console, so that it is the last thing a new user sees rather than a frame lost among start-up logs. It
 * goes to the console only, never through the logging system, so log shipping never carries the key.
 */
public class FirstStartAnnouncement implements ApplicationListener<ApplicationReadyEvent> {

    private final PrintStream console;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final PrintStream pendingStream = new PrintStream(pending, true, StandardCharsets.UTF_8);

    public FirstStartAnnouncement(PrintStream console) {
        this.console = console;
    }

    /** Where the message is written until the ledger is ready. */
    PrintStream pending() {
        return pendingStream;
    }

    @Override
    public synchronized void onApplicationEvent(ApplicationReadyEvent ready) {
        if (pending.size() > 0) {
            console.print(pending.toString(StandardCharsets.UTF_8));
            console.flush();
            pending.reset();
        }
    }
}
