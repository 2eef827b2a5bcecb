package io.ledger.api.web;

import io.ledger.core.CommandOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.net.URI;

/**
 * The shape of every answer to a write: 201 with a Location when it created something, 200 for a repeat or for
 * a change of state; {@code X-Ledger-Consistency: pending} when the read side did not show it in time.
 */
final class WriteResponses {

    static final String CONSISTENCY_HEADER = "X-Ledger-Consistency";

    private WriteResponses() {
    }

    static <T> ResponseEntity<T> of(CommandOutcome<?> outcome, URI location, T body, boolean visibleToReads) {
        var builder = ResponseEntity.status(outcome.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(location);
        if (!visibleToReads) {
            builder.header(CONSISTENCY_HEADER, "pending");
        }
        return builder.body(body);
    }

    /** 200 for a write that changes the state of something that exists (a hold's outcome, an account's status). */
    static <T> ResponseEntity<T> ok(T body, boolean visibleToReads) {
        var builder = ResponseEntity.ok();
        if (!visibleToReads) {
            builder.header(CONSISTENCY_HEADER, "pending");
        }
        return builder.body(body);
    }
}
