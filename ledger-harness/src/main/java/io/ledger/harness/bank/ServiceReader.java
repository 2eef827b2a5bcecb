package io.ledger.harness.bank;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledger.core.money.Amounts;
import io.ledger.harness.LedgerClient;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the service's read models over HTTP once the run is over: waits until short holds have expired and every
 * view has processed everything in the store, then reads, and reads again if the store moved meanwhile.
 */
final class ServiceReader {

    private static final long LONGEST_SHORT_HOLD_MILLIS = 8_000;
    private static final long SETTLE_TIMEOUT_MILLIS = 180_000;

    private final LedgerClient client;

    ServiceReader(LedgerClient client) {
        this.client = client;
    }

    ServiceView settledView(List<BankAccount> accounts) throws IOException, InterruptedException {
        Thread.sleep(LONGEST_SHORT_HOLD_MILLIS);
        long deadline = System.currentTimeMillis() + SETTLE_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            long head = caughtUpHead();
            if (head >= 0) {
                ServiceView view = read(accounts);
                if (caughtUpHead() == head) {
                    return view;
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The views did not catch up with the store within "
                + SETTLE_TIMEOUT_MILLIS / 1000 + " s");
    }

    /** The head of the store when every view has reached it, or -1 while some view lags. */
    private long caughtUpHead() throws IOException, InterruptedException {
        long head = -1;
        for (JsonNode view : get("/api/v1/admin/projections")) {
            if (view.path("lagEvents").asLong() != 0) {
                return -1;
            }
            head = Math.max(head, view.path("headPosition").asLong());
        }
        return head;
    }

    private ServiceView read(List<BankAccount> accounts) throws IOException, InterruptedException {
        Map<String, Balances> balances = new TreeMap<>();
        for (BankAccount account : accounts) {
            JsonNode balance = get("/api/v1/accounts/" + account.id()).path("balance");
            String currency = account.currency();
            balances.put(account.id(), new Balances(minor(balance, "posted", currency),
                    minor(balance, "pendingDebits", currency), minor(balance, "pendingCredits", currency)));
        }
        try {
            return new ServiceView(balances, trialBalance());
        } catch (IllegalStateException reportFailed) {
            // The balances were read; only the report failed, and the conservation check says why.
            return new ServiceView(balances, Map.of(), reportFailed.getMessage());
        }
    }

    private Map<String, ServiceView.TrialLine> trialBalance() throws IOException, InterruptedException {
        Map<String, ServiceView.TrialLine> trial = new TreeMap<>();
        for (JsonNode line : get("/api/v1/reports/trial-balance").path("currencies")) {
            String currency = line.path("currency").asText();
            trial.put(currency, new ServiceView.TrialLine(minor(line, "totalDebits", currency),
                    minor(line, "totalCredits", currency), minor(line, "balanceSum", currency)));
        }
        return trial;
    }

    private static long minor(JsonNode node, String field, String currency) {
        return Amounts.parseMinor(node.path(field).asText(), currency);
    }

    /** A read that must succeed: a few transport failures are waited out, anything but 200 is a failure. */
    private JsonNode get(String path) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                LedgerClient.Answer answer = client.get(path);
                if (answer.status() != 200) {
                    throw new IllegalStateException("GET " + path + " answered " + answer);
                }
                return answer.json();
            } catch (IOException transientFailure) {
                if (attempt == 20) {
                    throw transientFailure;
                }
                Thread.sleep(500);
            }
        }
    }
}
