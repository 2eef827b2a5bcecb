package io.ledger.harness.bench;

import java.util.ArrayDeque;
import java.util.Deque;

/** The ledger's benchmark clients: what each scenario sends over HTTP. */
public final class LedgerDrivers {

    /** Each holds client keeps this many holds open and posts the oldest when it has that many. */
    static final int OPEN_HOLDS_PER_CLIENT = 8;

    private LedgerDrivers() {
    }

    public static ClientDriver forScenario(LedgerHttp http, Workload workload, String idPrefix) {
        Scenario scenario = workload.scenario();
        if (scenario.holds()) {
            return new Holds(http, workload, idPrefix);
        }
        if (scenario.transfersPerRequest() > 1) {
            return new Batches(http, workload, idPrefix, scenario.transfersPerRequest());
        }
        return new Transfers(http, workload, idPrefix);
    }

    static String transferJson(Workload.Movement movement, boolean pending) {
        StringBuilder json = new StringBuilder(192).append("{\"id\":\"").append(movement.id())
                .append("\",\"debitAccountId\":\"").append(movement.debitAccountId())
                .append("\",\"creditAccountId\":\"").append(movement.creditAccountId())
                .append("\",\"amount\":\"").append(movement.amount()).append("\",\"currency\":\"EUR\"");
        if (pending) {
            json.append(",\"pending\":true,\"timeoutSeconds\":86400");
        }
        return json.append('}').toString();
    }

    /** One transfer per request. */
    private static final class Transfers implements ClientDriver {
        private final LedgerHttp http;
        private final Workload workload;
        private final String idPrefix;
        private long sequence;

        Transfers(LedgerHttp http, Workload workload, String idPrefix) {
            this.http = http;
            this.workload = workload;
            this.idPrefix = idPrefix;
        }

        @Override
        public Outcome sendNext() {
            Workload.Movement movement = workload.next(idPrefix + ++sequence);
            return http.postForOutcome("/api/v1/transfers", transferJson(movement, false), 1);
        }
    }

    /** An atomic batch of N transfers per request; acknowledged means all N were written in one transaction. */
    private static final class Batches implements ClientDriver {
        private final LedgerHttp http;
        private final Workload workload;
        private final String idPrefix;
        private final int size;
        private long sequence;

        Batches(LedgerHttp http, Workload workload, String idPrefix, int size) {
            this.http = http;
            this.workload = workload;
            this.idPrefix = idPrefix;
            this.size = size;
        }

        @Override
        public Outcome sendNext() {
            StringBuilder json = new StringBuilder(size * 160).append("{\"atomic\":true,\"items\":[");
            for (int item = 0; item < size; item++) {
                String transfer = transferJson(workload.next(idPrefix + ++sequence), false);
                json.append(item == 0 ? "" : ",").append("{\"type\":\"transfer\",").append(transfer, 1,
                        transfer.length());
            }
            return http.postForOutcome("/api/v1/transfers/batch", json.append("]}").toString(), size);
        }
    }

    /**
     * Holds placed now and posted later: the client places holds until it has {@link #OPEN_HOLDS_PER_CLIENT}
     * open, then posts the oldest in full. A placed hold and a post each count as one movement acknowledged.
     */
    private static final class Holds implements ClientDriver {
        private final LedgerHttp http;
        private final Workload workload;
        private final String idPrefix;
        private final Deque<String> open = new ArrayDeque<>();
        private long sequence;

        Holds(LedgerHttp http, Workload workload, String idPrefix) {
            this.http = http;
            this.workload = workload;
            this.idPrefix = idPrefix;
        }

        @Override
        public Outcome sendNext() {
            if (open.size() >= OPEN_HOLDS_PER_CLIENT) {
                String holdId = open.removeFirst();
                return http.postForOutcome("/api/v1/transfers/" + holdId + "/post", "{}", 1);
            }
            Workload.Movement movement = workload.next(idPrefix + ++sequence);
            Outcome placed = http.postForOutcome("/api/v1/transfers", transferJson(movement, true), 1);
            if (placed.transfers() > 0) {
                open.addLast(movement.id());
            }
            return placed;
        }
    }
}
