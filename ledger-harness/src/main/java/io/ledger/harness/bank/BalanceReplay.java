package io.ledger.harness.bank;

import io.ledger.core.StreamIds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Every account's balances replayed from its own stream of events, independently of the service's projections,
 * checking on the way that no account ever went beyond its overdraft limit. A transfer's events on one account
 * (a hold's release and the posted debit, say) are one step: the limit is checked after the step, as the ledger
 * checks it on the committed state.
 */
final class BalanceReplay {

    private final Map<String, Balances> balances = new TreeMap<>();
    private final Map<String, String> currencies = new TreeMap<>();
    private final List<String> limitViolations = new ArrayList<>();

    private long overdraftLimitMinor;
    private boolean unlimited;

    static BalanceReplay of(List<StoredEvent> events) {
        Map<String, List<StoredEvent>> streams = new LinkedHashMap<>();
        for (StoredEvent event : events) {
            if (event.streamId().startsWith(StreamIds.ACCOUNT_PREFIX)) {
                streams.computeIfAbsent(event.streamId().substring(StreamIds.ACCOUNT_PREFIX.length()),
                        id -> new ArrayList<>()).add(event);
            }
        }
        BalanceReplay replay = new BalanceReplay();
        streams.forEach(replay::replay);
        return replay;
    }

    private void replay(String accountId, List<StoredEvent> stream) {
        overdraftLimitMinor = 0;
        unlimited = false;
        List<StoredEvent> ordered = stream.stream().sorted(Comparator.comparingLong(StoredEvent::sequenceNumber))
                .toList();
        Balances current = Balances.ZERO;
        for (int i = 0; i < ordered.size(); i++) {
            StoredEvent event = ordered.get(i);
            current = apply(accountId, current, event);
            boolean stepEnds = i + 1 == ordered.size() || event.transferId() == null
                    || !Objects.equals(event.transferId(), ordered.get(i + 1).transferId());
            if (stepEnds) {
                checkLimit(accountId, current, event);
            }
        }
        balances.put(accountId, current);
    }

    private Balances apply(String accountId, Balances b, StoredEvent event) {
        long amount = event.amountMinor();
        boolean debitSide = "DEBIT".equals(event.payload().path("side").asText());
        return switch (event.type()) {
            case "AccountOpenedEvent" -> {
                currencies.put(accountId, event.payload().path("currency").asText());
                overdraftLimitMinor = event.payload().path("overdraftLimitMinor").asLong();
                unlimited = event.payload().path("unlimitedOverdraft").asBoolean();
                yield b;
            }
            case "AccountOverdraftLimitChangedEvent" -> {
                overdraftLimitMinor = event.payload().path("overdraftLimitMinor").asLong();
                unlimited = event.payload().path("unlimitedOverdraft").asBoolean();
                yield b;
            }
            case "AccountDebitedEvent" -> new Balances(b.postedMinor() - amount, b.pendingDebitsMinor(),
                    b.pendingCreditsMinor());
            case "AccountCreditedEvent" -> new Balances(b.postedMinor() + amount, b.pendingDebitsMinor(),
                    b.pendingCreditsMinor());
            case "AccountHoldReservedEvent" -> debitSide
                    ? new Balances(b.postedMinor(), b.pendingDebitsMinor() + amount, b.pendingCreditsMinor())
                    : new Balances(b.postedMinor(), b.pendingDebitsMinor(), b.pendingCreditsMinor() + amount);
            case "AccountHoldReleasedEvent" -> debitSide
                    ? new Balances(b.postedMinor(), b.pendingDebitsMinor() - amount, b.pendingCreditsMinor())
                    : new Balances(b.postedMinor(), b.pendingDebitsMinor(), b.pendingCreditsMinor() - amount);
            default -> b;
        };
    }

    private void checkLimit(String accountId, Balances b, StoredEvent event) {
        if (b.pendingDebitsMinor() < 0 || b.pendingCreditsMinor() < 0) {
            limitViolations.add(accountId + " reserved a negative amount after event " + event.globalIndex());
        }
        if (!unlimited && b.availableMinor() < -overdraftLimitMinor) {
            limitViolations.add(accountId + " available " + b.availableMinor() + " below -" + overdraftLimitMinor
                    + " after event " + event.globalIndex() + " (" + event.transferId() + ")");
        }
    }

    Map<String, Balances> balances() {
        return balances;
    }

    List<String> limitViolations() {
        return limitViolations;
    }

    /** The sum of all posted balances per currency: zero in a double-entry ledger that started empty. */
    Map<String, Long> postedSumByCurrency() {
        Map<String, Long> sums = new TreeMap<>();
        balances.forEach((account, b) -> sums.merge(currencies.get(account), b.postedMinor(), Long::sum));
        return sums;
    }
}
