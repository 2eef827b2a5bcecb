package io.ledger.api.web;

import io.ledger.core.CommandOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.net.URI;

/** The shape of every answer to a write: 201 with a Location when it created something, 200 for a repeat. */
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
}
