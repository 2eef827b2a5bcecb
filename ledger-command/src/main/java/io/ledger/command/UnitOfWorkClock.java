package io.ledger.command;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The clock that stamps events: every event of one unit of work (a transfer's record and both its legs, or a
 * whole batch) gets the same instant, read once when the first of them is created. A transaction thus happens at
 * one instant, and asking for a balance "as of the moment the transfer was made" includes both of its legs.
 *
 * <p>Outside a unit of work it is the underlying clock.
 */
public final class UnitOfWorkClock extends Clock {

    private static final String RECORD_TIME = UnitOfWorkClock.class.getName() + ".recordTime";

    private final Clock source;

    public UnitOfWorkClock(Clock source) {
        this.source = source;
    }

    @Override
    public Instant instant() {
        if (!CurrentUnitOfWork.isStarted()) {
            return source.instant();
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(RECORD_TIME, key -> source.instant());
    }

    @Override
    public ZoneId getZone() {
        return source.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new UnitOfWorkClock(source.withZone(zone));
    }
}
