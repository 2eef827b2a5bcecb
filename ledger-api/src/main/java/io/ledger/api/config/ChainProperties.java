package io.ledger.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The tamper-evident event log, under {@code ledger.chain.*} (docs/tamper-evidence.md).
 *
 * @param checkpointSettle      how old an event's timestamp must be before a checkpoint covers it. Correct only
 *                              if every write transaction ends (commits or rolls back) within half of it, counted
 *                              from the moment it stamps its events, plus the clock difference between nodes: a
 *                              transaction still open could otherwise fill a position below one already covered
 * @param checkpointInterval    how often the checkpointer looks for newly settled events
 * @param checkpointMaxEvents   most events one checkpoint covers, which bounds the memory and time of one step
 * @param signingKeyFile        a file of at least 32 random bytes, kept outside the database, under which every
 *                              checkpoint is signed (HMAC-SHA256); none: checkpoints are not signed
 */
@ConfigurationProperties(prefix = "ledger.chain")
public record ChainProperties(
        @DefaultValue("60s") Duration checkpointSettle,
        @DefaultValue("10s") Duration checkpointInterval,
        @DefaultValue("10000") int checkpointMaxEvents,
        Path signingKeyFile) {
}
