package io.ledger.core.transfer;

/** The commands a batch may hold: transfers, holds, and posts or voids of holds. */
public sealed interface BatchableCommand
        permits TransferFundsCommand, PlaceHoldCommand, PostHoldCommand, VoidHoldCommand {

    String transferId();
}
