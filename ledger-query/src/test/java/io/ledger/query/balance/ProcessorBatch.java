package io.ledger.query.balance;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.transaction.support.TransactionTemplate;

/** One event processor batch as the store sees it: a unit of work inside a database transaction. */
final class ProcessorBatch {

    private ProcessorBatch() {
    }

    /** Runs the work as one batch; a refusal, even at the unit of work's commit, rolls both back and is thrown. */
    static void run(TransactionTemplate transactions, Runnable work) {
        transactions.executeWithoutResult(status -> {
            var result = DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> {
                work.run();
                return null;
            });
            if (result.isExceptional()) {
                throw result.exceptionResult() instanceof RuntimeException refused ? refused
                        : new IllegalStateException(result.exceptionResult());
            }
        });
    }
}
