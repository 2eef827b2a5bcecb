package io.ledger.harness.bank;

/**
 * One operation of the history and what became of it.
 *
 * @param id          the id the operation was sent with: the new stream's id for transfers, holds and reversals;
 *                    the hold's id for posts and voids
 * @param originalId  the transfer a reversal gives back, otherwise null
 * @param amountMinor the amount asked for (for a post, the amount to post), in minor units
 * @param code        the problem's stable code when refused, otherwise empty
 * @param attempts    how many times it was sent (all with the same id and content)
 */
public record Operation(OpKind kind, String id, String originalId, String debitAccountId, String creditAccountId,
                        String currency, long amountMinor, Outcome outcome, String code, int attempts) {

    public Operation settled(Outcome result, String problemCode, int sendCount) {
        return new Operation(kind, id, originalId, debitAccountId, creditAccountId, currency, amountMinor, result,
                problemCode, sendCount);
    }
}
