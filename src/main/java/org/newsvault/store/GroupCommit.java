package org.newsvault.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Small writes of several threads committed in one transaction. H2 writes every page a transaction changed
 * at its commit (the path from each changed leaf to its B-tree's root), so eight threads inserting one
 * article each pay for one commit instead of eight; the pages they share (the index roots, the tail of
 * the id order) are written once.
 *
 * <p>The first thread to arrive leads: it runs everything queued so far, in arrival order, on one
 * connection, each piece of work under its own savepoint (so one failing statement fails that caller
 * alone), commits, and hands every caller its result. Whoever arrives during that commit waits and leads
 * the next one. A caller returns only once its work is committed (or has failed), so what it does next
 * (write the article file) may rely on the row being there.
 */
final class GroupCommit {
    private final Database db;
    private final Object lock = new Object();
    private List<Pending<?>> queue = new ArrayList<>();
    private boolean committing;

    GroupCommit(Database db) {
        this.db = db;
    }

    <T> T run(Database.SqlWork<T> work) {
        Pending<T> mine = new Pending<>(work);
        List<Pending<?>> batch;
        boolean interrupted = false;
        synchronized (lock) {
            queue.add(mine);
            // Not interruptible: once queued, the work may be committed by another thread's transaction,
            // and its caller must learn the outcome (an id whose file it must write).
            while (!mine.done && committing) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            if (mine.done) return mine.result();
            committing = true;
            batch = queue;
            queue = new ArrayList<>();
        }
        try {
            lead(batch);
        } finally {
            synchronized (lock) {
                committing = false;
                lock.notifyAll();
            }
        }
        return mine.result();
    }

    /** Tests: how many callers wait for the next transaction. */
    int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    private void lead(List<Pending<?>> batch) {
        Object[] values = new Object[batch.size()];
        RuntimeException[] errors = new RuntimeException[batch.size()];
        boolean committed = false;
        RuntimeException failure = null;
        try {
            db.inTransaction(c -> {
                for (int i = 0; i < values.length; i++) {
                    try {
                        values[i] = runSaved(c, batch.get(i).work);
                    } catch (SQLException e) {
                        errors[i] = new StoreException("database: " + e.getMessage(), e);
                    } catch (RuntimeException e) {
                        errors[i] = e;
                    }
                }
                return null;
            });
            committed = true;
        } catch (RuntimeException e) {
            failure = e instanceof StoreException ? e : new StoreException("database: " + e.getMessage(), e);
        } finally {
            // Even an Error must not leave a waiter without an answer: it would lead the next batch without its
            // work in it, and come back empty-handed.
            if (failure == null) failure = new StoreException("database: the commit did not complete", null);
            for (int i = 0; i < values.length; i++) {
                if (committed) batch.get(i).finish(errors[i] == null ? values[i] : null, errors[i]);
                else batch.get(i).finish(null, failure);
            }
        }
    }

    private static <T> T runSaved(Connection c, Database.SqlWork<T> work) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            return work.run(c);
        } catch (SQLException | RuntimeException e) {
            c.rollback(savepoint);
            throw e;
        }
    }

    private static final class Pending<T> {
        final Database.SqlWork<T> work;
        volatile boolean done;
        private Object value;
        private RuntimeException error;

        Pending(Database.SqlWork<T> work) {
            this.work = work;
        }

        void finish(Object value, RuntimeException error) {
            this.value = value;
            this.error = error;
            done = true;
        }

        @SuppressWarnings("unchecked")
        T result() {
            if (error != null) throw error;
            return (T) value;
        }
    }
}
