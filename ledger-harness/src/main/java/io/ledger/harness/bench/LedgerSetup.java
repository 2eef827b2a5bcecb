package io.ledger.harness.bench;

import io.ledger.harness.LedgerClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Opens a workload's accounts in the ledger over HTTP and gives each its opening balance from the settlement
 * account, in batches, with the benchmark's C clients. Not measured.
 */
public final class LedgerSetup {

    private static final int FUNDING_BATCH_ITEMS = 100;

    private final LedgerHttp http;
    private final int clients;

    public LedgerSetup(LedgerHttp http, int clients) {
        this.http = http;
        this.clients = clients;
    }

    public void prepare(Workload workload) throws Exception {
        open(workload.settlementAccountId(), true);
        List<String> accounts = workload.allAccountIds();
        inParallel(accounts.size(), index -> open(accounts.get(index), false));
        int batches = (accounts.size() + FUNDING_BATCH_ITEMS - 1) / FUNDING_BATCH_ITEMS;
        inParallel(batches, batch -> fund(workload, accounts.subList(batch * FUNDING_BATCH_ITEMS,
                Math.min(accounts.size(), (batch + 1) * FUNDING_BATCH_ITEMS))));
    }

    private void open(String accountId, boolean unlimitedOverdraft) throws IOException {
        String body = "{\"id\":\"" + accountId + "\",\"currency\":\"EUR\",\"name\":\"Benchmark " + accountId + "\""
                + (unlimitedOverdraft ? ",\"unlimitedOverdraft\":true" : "") + "}";
        require(http.post("/api/v1/accounts", body), "open " + accountId);
    }

    private void fund(Workload workload, List<String> accounts) throws IOException {
        StringBuilder json = new StringBuilder().append("{\"atomic\":true,\"items\":[");
        for (int index = 0; index < accounts.size(); index++) {
            Workload.Movement funding = new Workload.Movement("fund-" + accounts.get(index),
                    workload.settlementAccountId(), accounts.get(index), Workload.OPENING_BALANCE_MINOR);
            String transfer = LedgerDrivers.transferJson(funding, false);
            json.append(index == 0 ? "" : ",").append("{\"type\":\"transfer\",")
                    .append(transfer, 1, transfer.length());
        }
        require(http.post("/api/v1/transfers/batch", json.append("]}").toString()), "fund accounts");
    }

    private static void require(LedgerClient.Answer answer, String what) {
        if (!answer.isSuccess()) {
            throw new IllegalStateException("Set-up failed to " + what + ": " + answer.status() + " " + answer.body());
        }
    }

    private interface Step {
        void run(int index) throws IOException;
    }

    private void inParallel(int count, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> results = new ArrayList<>(count);
            for (int index = 0; index < count; index++) {
                int current = index;
                results.add(pool.submit(() -> {
                    step.run(current);
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
