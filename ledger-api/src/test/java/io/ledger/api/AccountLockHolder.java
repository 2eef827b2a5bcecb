package io.ledger.api;

import io.ledger.command.account.Account;
import io.ledger.core.StreamIds;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Repository;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** For tests of commands that meet a busy account: holds one account's lock the way a running command does. */
final class AccountLockHolder {

    private AccountLockHolder() {
    }

    /**
     * Loads the account in a unit of work of the calling thread, which holds its lock until the unit of work ends:
     * counts {@code locked} down once it holds it, and rolls back once {@code release} is counted down.
     */
    static Void hold(Repository<Account> accounts, String accountId, CountDownLatch locked, CountDownLatch release)
            throws InterruptedException {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            accounts.load(StreamIds.account(accountId));
            locked.countDown();
            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            unitOfWork.rollback();
        }
        return null;
    }
}
