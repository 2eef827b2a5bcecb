package io.ledger.ops.audit;

import io.ledger.core.account.AccountStatus;
import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.TransferKind;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.TransferView;
import io.ledger.query.balance.BalanceStore;
import io.ledger.query.balance.InMemoryBalanceStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The replay's compact balance store against the read side's {@link InMemoryBalanceStore}: on random sequences of
 * writes, valid and not (unknown accounts, ids used twice, holds resolved twice, overflowing amounts, one account
 * on both sides), each write must be refused alike (same exception, same message) or accepted alike, and every
 * account must read the same after it.
 */
class ReplayBalanceStoreTest {

    private static final List<String> ACCOUNTS = List.of("a-1", "a-2", "a-3", "a-4", "settlement");
    private static final Instant START = Instant.parse("2026-06-01T08:00:00Z");

    @Test
    void acceptsRefusesAndAnswersAsTheReadSidesStoreOnRandomHistories() {
        for (long seed = 1; seed <= 200; seed++) {
            compareOn(new SplittableRandom(seed), 600);
        }
    }

    @Test
    void refusesToListTransfersItDoesNotKeep() {
        ReplayBalanceStore store = new ReplayBalanceStore();
        assertThatThrownBy(() -> store.findTransfer("t-1")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> store.dueHolds(START, 10)).isInstanceOf(UnsupportedOperationException.class);
    }

    private static void compareOn(SplittableRandom random, int steps) {
        ReplayBalanceStore compact = new ReplayBalanceStore();
        InMemoryBalanceStore reference = new InMemoryBalanceStore();
        for (int step = 0; step < steps; step++) {
            Consumer<BalanceStore> write = randomWrite(random, step);
            Throwable expected = outcome(write, reference);
            Throwable actual = outcome(write, compact);
            if (expected == null) {
                assertThat(actual).isNull();
            } else {
                assertThat(actual).isNotNull().isExactlyInstanceOf(expected.getClass())
                        .hasMessage(expected.getMessage());
            }
            assertThat(compact.allAccounts()).isEqualTo(reference.allAccounts());
            String account = account(random);
            assertThat(compact.findAccount(account)).isEqualTo(reference.findAccount(account));
        }
    }

    private static Throwable outcome(Consumer<BalanceStore> write, BalanceStore store) {
        try {
            write.accept(store);
            return null;
        } catch (RuntimeException refused) {
            return refused;
        }
    }

    /** A write whose every value is drawn here, so that both stores are given the very same one. */
    private static Consumer<BalanceStore> randomWrite(SplittableRandom random, int step) {
        Instant at = START.plusSeconds(step);
        String transferId = "t-" + random.nextInt(step / 2 + 1);
        String account = account(random);
        String debit = account(random);
        String credit = random.nextInt(20) == 0 ? debit : account(random);
        long amount = amount(random);
        long limit = random.nextLong(1_000);
        boolean flag = random.nextBoolean();
        AccountStatus status = AccountStatus.values()[random.nextInt(AccountStatus.values().length)];
        TransferStatus outcome = TransferStatus.values()[random.nextInt(TransferStatus.values().length)];
        long posted = outcome == TransferStatus.POSTED ? amount(random) : 0;
        return switch (random.nextInt(9)) {
            case 0 -> store -> store.insertAccount(new AccountView(account, "EUR", "name " + step, limit, flag,
                    AccountStatus.ACTIVE, 0, 0, 0, at));
            case 1 -> store -> store.updateStatus(account, status);
            case 2 -> store -> store.updateOverdraftLimit(account, limit, flag);
            case 3, 4 -> store -> store.recordPostedTransfer(new TransferView(transferId,
                    flag ? TransferKind.TRANSFER : TransferKind.REVERSAL, debit, credit, amount, amount, 0, "EUR",
                    Map.of("ref", "r" + step), TransferStatus.POSTED, null, null, at, null));
            case 5, 6 -> store -> store.recordHold(new TransferView(transferId, TransferKind.HOLD, debit, credit,
                    amount, 0, 0, "EUR", Map.of(), TransferStatus.PENDING, null, at.plusSeconds(60), at, null));
            case 7 -> store -> store.resolveHold(transferId, outcome, posted, at);
            default -> store -> store.updateReversed(transferId, amount);
        };
    }

    /** Mostly ordinary amounts, now and then one that overflows a balance, or a negative one. */
    private static long amount(SplittableRandom random) {
        return switch (random.nextInt(25)) {
            case 0 -> Long.MAX_VALUE - random.nextInt(3);
            case 1 -> Long.MIN_VALUE + random.nextInt(3);
            case 2 -> -random.nextInt(1_000);
            default -> random.nextInt(100_000);
        };
    }

    /** One of the known accounts, or now and then one never opened. */
    private static String account(SplittableRandom random) {
        return random.nextInt(15) == 0 ? "unknown" : ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
    }
}
