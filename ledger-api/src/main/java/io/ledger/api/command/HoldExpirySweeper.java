package io.ledger.api.command;

import io.ledger.api.config.LedgerProperties;
import io.ledger.core.error.LedgerException;
import io.ledger.core.transfer.ExpireHoldCommand;
import io.ledger.core.transfer.FindDueHoldsQuery;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Expires holds whose time has run out. It is driven from stored state, not from timers in memory: every
 * interval it asks the balance view for pending holds that are due, and sends each an expiry. So an expiry that
 * fell due while the service was down fires right after it starts again.
 *
 * <p>Exactly once: the hold itself decides. Every node may sweep; if two send the same expiry, one writes it and
 * the other finds the hold already expired (or posted or voided meanwhile) and does nothing. A view that lags can
 * only delay an expiry, never repeat or skip one.
 */
@Component
public class HoldExpirySweeper implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(HoldExpirySweeper.class);
    private static final int HOLDS_PER_SWEEP = 500;

    private final QueryGateway queries;
    private final LedgerCommands commands;
    private final Clock clock;
    private final Duration interval;

    public HoldExpirySweeper(QueryGateway queries, LedgerCommands commands, Clock clock,
                             LedgerProperties properties) {
        this.queries = queries;
        this.commands = commands;
        this.clock = clock;
        this.interval = properties.holdExpiryInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::sweep, interval);
    }

    /** Expires every hold that is due now; returns how many it expired. */
    public int sweep() {
        Instant now = clock.instant();
        int expired = 0;
        try {
            List<String> due = queries.query(new FindDueHoldsQuery(now, HOLDS_PER_SWEEP),
                    ResponseTypes.multipleInstancesOf(String.class)).join();
            for (String holdId : due) {
                expired += expire(holdId, now) ? 1 : 0;
            }
        } catch (RuntimeException failure) {
            LOG.warn("Hold expiry sweep failed; it runs again in {}", interval, failure);
        }
        return expired;
    }

    private boolean expire(String holdId, Instant now) {
        try {
            return !commands.sendUnrecorded(new ExpireHoldCommand(holdId, now), AuditMetadata.system("hold-expiry"))
                    .repeated();
        } catch (LedgerException resolvedMeanwhile) {
            LOG.debug("Hold {} was not expired: {}", holdId, resolvedMeanwhile.getMessage());
            return false;
        }
    }
}
