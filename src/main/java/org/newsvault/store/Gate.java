package org.newsvault.store;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Lets borrowers of the database through unless it is paused for a compaction. {@link #pause} stops new
 * entries at once and then waits until everyone inside has left; entries are reentrant per thread (a work that
 * reads inside a transaction is let through, or a pause would wait for a thread that waits for it).
 */
final class Gate {
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    private int inside;
    private boolean paused;

    /** Enters, waiting up to {@code waitNanos} while paused; false when still paused then. */
    synchronized boolean enter(long waitNanos) throws InterruptedException {
        int[] d = depth.get();
        if (d[0] == 0) {
            long deadline = System.nanoTime() + waitNanos;
            while (paused) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        d[0]++;
        inside++;
        return true;
    }

    /** Enters unless paused. */
    synchronized boolean tryEnter() {
        int[] d = depth.get();
        if (paused && d[0] == 0) return false;
        d[0]++;
        inside++;
        return true;
    }

    synchronized void leave() {
        depth.get()[0]--;
        if (--inside == 0) notifyAll();
    }

    /**
     * Closes the gate and waits until nobody is inside: true then (call {@link #resume} afterwards); false,
     * and open again, when {@code waitNanos} passed or {@code giveUp} said so first.
     */
    synchronized boolean pause(long waitNanos, BooleanSupplier giveUp) throws InterruptedException {
        paused = true;
        long deadline = System.nanoTime() + waitNanos;
        try {
            while (inside > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || giveUp.getAsBoolean()) {
                    resume();
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            return true;
        } catch (InterruptedException e) {
            resume();
            throw e;
        }
    }

    synchronized void resume() {
        paused = false;
        notifyAll();
    }

    synchronized boolean paused() {
        return paused;
    }
}
