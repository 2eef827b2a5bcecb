package io.ledger.harness.bank;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledger.core.money.Amounts;
import io.ledger.harness.LedgerClient;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * One of the C concurrent clients: issues random transfers, holds, posts, voids and reversals until told to stop.
 * A request that gets no definite answer (connection refused while the service is down, a timeout, a 5xx) is sent
 * again with the same id and content until it gets one or the retry window closes; only then is its outcome
 * unknown. Ids are unique per run, so any stream in the store can be traced to exactly one operation.
 */
final class BankClient implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LONG_HOLD_SECONDS = 3_600;

    private final int clientNumber;
    private final LedgerClient ledger;
    private final List<BankAccount> accounts;
    private final History history;
    private final Random random;
    private final BooleanSupplier stopped;
    private final Duration retryWindow;
    private long sequence;

    BankClient(int clientNumber, LedgerClient ledger, List<BankAccount> accounts, History history, long seed,
               BooleanSupplier stopped, Duration retryWindow) {
        this.clientNumber = clientNumber;
        this.ledger = ledger;
        this.accounts = accounts;
        this.history = history;
        this.random = new Random(seed);
        this.stopped = stopped;
        this.retryWindow = retryWindow;
    }

    @Override
    public void run() {
        while (!stopped.getAsBoolean()) {
            history.record(execute(nextOperation()));
        }
    }

    private Operation nextOperation() {
        int roll = random.nextInt(100);
        if (roll < 20) {
            return newTransfer(OpKind.HOLD);
        }
        if (roll < 45) {
            Optional<Operation> hold = history.claimHold(random);
            if (hold.isPresent()) {
                return resolution(hold.get(), roll < 32 ? OpKind.POST : OpKind.VOID);
            }
        } else if (roll < 55) {
            Optional<Operation> original = history.anyAcknowledgedTransfer(random);
            if (original.isPresent()) {
                return reversal(original.get());
            }
        }
        return newTransfer(OpKind.TRANSFER);
    }

    private Operation newTransfer(OpKind kind) {
        BankAccount debit = accounts.get(random.nextInt(accounts.size()));
        List<BankAccount> sameCurrency = accounts.stream()
                .filter(a -> a.currency().equals(debit.currency()) && !a.id().equals(debit.id())).toList();
        BankAccount credit = sameCurrency.get(random.nextInt(sameCurrency.size()));
        long amountMinor = 1 + random.nextInt((int) Math.max(1, debit.overdraftLimitMinor() / 3));
        return new Operation(kind, nextId(), null, debit.id(), credit.id(), debit.currency(), amountMinor,
                Outcome.UNKNOWN, "", 0);
    }

    /** Posts in full most of the time, otherwise a part of the hold (the rest is released). */
    private Operation resolution(Operation hold, OpKind kind) {
        long amountMinor = kind == OpKind.POST && random.nextInt(3) == 0
                ? 1 + random.nextInt((int) hold.amountMinor()) : hold.amountMinor();
        return new Operation(kind, hold.id(), null, hold.debitAccountId(), hold.creditAccountId(), hold.currency(),
                amountMinor, Outcome.UNKNOWN, "", 0);
    }

    /** Gives back up to the whole original, so that some reversals are refused for exceeding what is left. */
    private Operation reversal(Operation original) {
        long amountMinor = 1 + random.nextInt((int) original.amountMinor());
        return new Operation(OpKind.REVERSAL, nextId(), original.id(), original.creditAccountId(),
                original.debitAccountId(), original.currency(), amountMinor, Outcome.UNKNOWN, "", 0);
    }

    private String nextId() {
        return "c" + clientNumber + "-" + sequence++;
    }

    /** Sends the operation, again and again with the same content, until the answer is definite. */
    Operation execute(Operation operation) {
        String path = path(operation);
        ObjectNode body = body(operation);
        long giveUpAt = System.nanoTime() + retryWindow.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                LedgerClient.Answer answer = ledger.post(path, body);
                if (answer.isSuccess()) {
                    return operation.settled(Outcome.ACKNOWLEDGED, "", attempt);
                }
                if (answer.status() < 500) {
                    return operation.settled(Outcome.REFUSED, problemCode(answer), attempt);
                }
            } catch (IOException noAnswer) {
                // Unknown outcome so far: the same request is sent again below.
            }
            if (System.nanoTime() > giveUpAt) {
                return operation.settled(Outcome.UNKNOWN, "", attempt);
            }
            pause(Math.min(1_000, 50L * attempt));
        }
    }

    private static String path(Operation operation) {
        return switch (operation.kind()) {
            case TRANSFER, HOLD -> "/api/v1/transfers";
            case POST -> "/api/v1/transfers/" + operation.id() + "/post";
            case VOID -> "/api/v1/transfers/" + operation.id() + "/void";
            case REVERSAL -> "/api/v1/transfers/" + operation.originalId() + "/reverse";
        };
    }

    private ObjectNode body(Operation operation) {
        String amount = Amounts.format(operation.amountMinor(), operation.currency());
        ObjectNode body = JSON.createObjectNode();
        switch (operation.kind()) {
            case TRANSFER, HOLD -> {
                body.put("id", operation.id()).put("debitAccountId", operation.debitAccountId())
                        .put("creditAccountId", operation.creditAccountId()).put("amount", amount)
                        .put("currency", operation.currency());
                if (operation.kind() == OpKind.HOLD) {
                    body.put("pending", true).put("timeoutSeconds", holdTimeoutSeconds(operation));
                }
            }
            case POST -> body.put("amount", amount);
            case VOID -> { }
            case REVERSAL -> body.put("id", operation.id()).put("amount", amount);
        }
        return body;
    }

    /**
     * One hold in five expires within seconds, so that expiry races with posts, voids and kills; the timeout is
     * derived from the id so that every retry sends the same content.
     */
    private static long holdTimeoutSeconds(Operation hold) {
        int hash = Math.floorMod(hold.id().hashCode(), 25);
        return hash < 5 ? 2 + hash : LONG_HOLD_SECONDS;
    }

    private static String problemCode(LedgerClient.Answer answer) {
        try {
            String code = answer.code();
            return code.isEmpty() ? "HTTP_" + answer.status() : code;
        } catch (IllegalStateException notProblemJson) {
            return "HTTP_" + answer.status();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
