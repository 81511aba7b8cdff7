package org.newsvault.model;

/**
 * One item's HTML was too expensive to process: it ran past its {@link WorkBudget}'s time or held more
 * elements than the budget allows. Fails that item only; the message is the line to print after the
 * item's link, e.g. {@code too complex to process (over 5 s)}.
 */
public final class BudgetExceededException extends RuntimeException {
    public BudgetExceededException(String message) {
        super(message, null, false, false);
    }
}
