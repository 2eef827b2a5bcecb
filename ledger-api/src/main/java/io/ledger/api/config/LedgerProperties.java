package io.ledger.api.config;

import io.ledger.core.money.AmountLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * The ledger's own settings, under {@code ledger.*}.
 *
 * @param maxAmount                 largest single transfer, in major units of its currency
 * @param maxAmountByCurrency       per-currency overrides of {@code maxAmount}, e.g. {@code JPY: 100000000000}
 * @param readYourWritesTimeout     how long a write waits for the balance view to show it before answering anyway
 * @param commandAttempts           how often a command that collided with a concurrent writer is tried in all
 * @param maxBatchItems             most items one batch may hold
 * @param maxRequestBytes           largest request body accepted; larger ones are answered 413
 * @param holdExpiryInterval        how often due holds are looked for and expired
 * @param maxBackdating             how far before its record time a transfer's value date ({@code effectiveAt})
 *                                  may lie
 * @param settleWindow              how far in the past an instant must lie before point-in-time answers for it
 *                                  are final: longer than any write transaction takes from stamping its events
 *                                  to committing them
 * @param accountCacheEntries       how many accounts the write side keeps in memory between commands (least
 *                                  recently used go first); 0 reads every account from the event store each time
 * @param accountLockWait           how long a command waits for an account that other commands of this node are
 *                                  writing to before it is answered {@code 503 CONTENTION} (nothing written)
 * @param groupCommit               how single transfers that arrive together are written in one transaction
 */
@ConfigurationProperties(prefix = "ledger")
public record LedgerProperties(
        @DefaultValue("1000000000") BigDecimal maxAmount,
        Map<String, BigDecimal> maxAmountByCurrency,
        @DefaultValue("5s") Duration readYourWritesTimeout,
        @DefaultValue("20") int commandAttempts,
        @DefaultValue("1000") int maxBatchItems,
        @DefaultValue("1048576") long maxRequestBytes,
        @DefaultValue("1s") Duration holdExpiryInterval,
        @DefaultValue("10s") Duration settleWindow,
        @DefaultValue("7d") Duration maxBackdating,
        @DefaultValue("50000") int accountCacheEntries,
        @DefaultValue("10s") Duration accountLockWait,
        @DefaultValue GroupCommit groupCommit) {

    public AmountLimits amountLimits() {
        return new AmountLimits(maxAmount, maxAmountByCurrency);
    }

    /**
     * Group commit of single transfers ({@code TransferGroupCommit}; docs/performance.md, "Group commit").
     *
     * @param enabled      whether single transfers may be written together; off, each is its own transaction
     * @param maxTransfers the most transfers one group holds
     * @param writers      how many groups may be written at the same time
     */
    public record GroupCommit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("64") int maxTransfers,
            @DefaultValue("2") int writers) {
    }
}
