package org.newsvault.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr when a person is watching (a console is attached), nothing when output goes to a
 * pipe or a file, so scripts and logs see only the result lines. Thread-safe.
 */
final class TerminalProgress implements AutoCloseable {
    private final ProgressBar bar;

    private TerminalProgress(ProgressBar bar) {
        this.bar = bar;
    }

    static TerminalProgress start(String task, long total, String unit) {
        if (System.console() == null) return new TerminalProgress(null);
        return new TerminalProgress(builder(task, total, unit).clearDisplayOnFinish().build());
    }

    /** A bar drawn on {@code terminal} whatever is attached, kept when closed: what tests look at. */
    static TerminalProgress drawnOn(java.io.PrintStream terminal, String task, long total, String unit) {
        return new TerminalProgress(builder(task, total, unit)
            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(terminal, 160)).build());
    }

    private static ProgressBarBuilder builder(String task, long total, String unit) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
            .setUnit(" " + unit, 1).showSpeed().setUpdateIntervalMillis(250);
    }

    void step() {
        if (bar != null) bar.step();
    }

    void stepTo(long n) {
        if (bar != null) bar.stepTo(n);
    }

    /** Counts shown after the bar, e.g. {@code 3 changed, 1 gone, 0 failed}. */
    void message(String text) {
        if (bar != null) bar.setExtraMessage(text);
    }

    /** A total learned late (or corrected: a pass that finds more than it counted). */
    void maxHint(long total) {
        if (bar != null) bar.maxHint(total);
    }

    /** True when a bar is drawn (a console is attached). */
    boolean shown() {
        return bar != null;
    }

    /** Prints a line above the bar (a bare println would be overdrawn). */
    synchronized void println(String line) {
        if (bar == null) {
            System.err.println(line);
        } else {
            System.err.print("\r\033[K");
            System.err.println(line);
        }
    }

    /** Prints a result line on stdout, above the bar when one is drawn (both go to the same terminal then). */
    synchronized void printOut(String line) {
        if (bar != null) {
            System.err.print("\r\033[K");
            System.err.flush();
        }
        System.out.println(line);
        System.out.flush();
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
