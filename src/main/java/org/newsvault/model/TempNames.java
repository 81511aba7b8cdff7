package org.newsvault.model;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Temp files carry the name of the node writing them ({@code .x.md.tmp-<node>.<random>}), so that several nodes on
 * one shared archive can tell their leftovers apart: startup recovery removes only its own node's and those of
 * dead nodes ({@link Leftovers}), never a live node's file in progress. A name without a node (written alone, or by
 * an older version) is anyone's leftover.
 */
public final class TempNames {
    private static final String MARK = ".tmp-";
    private static volatile String node = "";

    private TempNames() {}

    /** Names this process's temp files after {@code name} (a daemon, at start). */
    public static void tagWith(String name) {
        node = name == null ? "" : name;
    }

    /** {@code .tmp-<node>.<random>}, or {@code .tmp-<random>} when no node is named. */
    public static String suffix(String random) {
        String n = node;
        return MARK + (n.isEmpty() ? "" : n + ".") + random;
    }

    /** The node a temp file's name carries, if any. */
    public static Optional<String> node(Path file) {
        String name = file.getFileName().toString();
        int at = name.lastIndexOf(MARK);
        if (at < 0) return Optional.empty();
        String rest = name.substring(at + MARK.length());
        int dot = rest.indexOf('.');
        return dot <= 0 ? Optional.empty() : Optional.of(rest.substring(0, dot));
    }

    /**
     * What a startup recovery may finish or delete: temp files of no node and of the nodes {@code mayClean} accepts
     * (this one and the dead ones); rows committed without their file before {@code pendingBefore} (null: all), since
     * a younger one may be a live node's write under way.
     */
    public record Leftovers(Predicate<String> mayClean, java.time.Instant pendingBefore) {
        /** Alone on the archive: every temp file is a leftover, every unwritten row is recovery's. */
        public static final Leftovers ALL = new Leftovers(n -> true, null);

        /**
         * The scope of {@code node}'s recovery on a shared archive: its own and dead nodes' temp files (a live node's
         * is a write in progress), and rows older than a lease (a younger unwritten row may be a live node's).
         */
        public static Leftovers ofNode(String node, java.util.List<String> alive, NodePolicy policy) {
            return new Leftovers(n -> n.equals(node) || !alive.contains(n), policy.now().minus(NodePolicy.LEASE_FOR));
        }

        /** May recovery write the file of a row committed at {@code at}? */
        public boolean mayFinish(java.time.Instant at) {
            return pendingBefore == null || at == null || at.isBefore(pendingBefore);
        }

        private static volatile Leftovers process = ALL;

        public boolean mayDelete(Path file) {
            return node(file).map(mayClean::test).orElse(true);
        }

        /** The process's scope (a coordinated daemon narrows it at start; {@link #ALL} otherwise). */
        public static Leftovers process() {
            return process;
        }

        public static void use(Leftovers l) {
            process = l == null ? ALL : l;
        }
    }
}
