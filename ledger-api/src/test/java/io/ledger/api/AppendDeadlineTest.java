package io.ledger.api;

import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event store refuses to append events stamped longer ago than the append deadline, so that no write
 * transaction can commit events the views may already have given up on; fresh events are appended as always.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.datasource.url=jdbc:h2:mem:ledger-append-deadline;DB_CLOSE_DELAY=-1",
                "ledger.store.append-deadline=2s"})
class AppendDeadlineTest {

    @Autowired
    EventStorageEngine storage;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void eventsStampedLongerAgoThanTheDeadlineAreRefusedAndNothingIsWritten() {
        GenericDomainEventMessage<AccountOpenedEvent> stale = opened("ad-stale", Instant.now().minusSeconds(3));

        assertThatThrownBy(() -> storage.appendEvents(stale))
                .isInstanceOfSatisfying(LedgerException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(LedgerErrorCode.TRANSACTION_TIMEOUT));
        assertThat(eventsOf("account:ad-stale")).isZero();
    }

    @Test
    void eventsStampedWithinTheDeadlineAreAppended() {
        storage.appendEvents(opened("ad-fresh", Instant.now().minus(Duration.ofMillis(500))));

        assertThat(eventsOf("account:ad-fresh")).isOne();
    }

    private long eventsOf(String stream) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Long.class, stream);
        return count == null ? 0 : count;
    }

    private static GenericDomainEventMessage<AccountOpenedEvent> opened(String accountId, Instant stamped) {
        return new GenericDomainEventMessage<>("Account", "account:" + accountId, 0,
                new AccountOpenedEvent(accountId, "EUR", accountId, 0, false), MetaData.emptyInstance(),
                UUID.randomUUID().toString(), stamped);
    }
}
