package io.ledger.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FirstStartAnnouncementTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final FirstStartAnnouncement announcement =
            new FirstStartAnnouncement(new PrintStream(console, true, StandardCharsets.UTF_8));

    private static ApplicationReadyEvent ready() {
        return new ApplicationReadyEvent(new SpringApplication(), new String[0], null, Duration.ZERO);
    }

    @Test
    void theMessageWaitsUntilTheLedgerIsReadyAndIsPrintedOnce() {
        announcement.pending().println("export LEDGER_KEY=ldg_example");
        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();

        announcement.onApplicationEvent(ready());
        announcement.onApplicationEvent(ready());

        assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo("export LEDGER_KEY=ldg_example"
                + System.lineSeparator());
    }

    @Test
    void aLaterStartWithoutAGeneratedKeyPrintsNothing() {
        announcement.onApplicationEvent(ready());

        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
