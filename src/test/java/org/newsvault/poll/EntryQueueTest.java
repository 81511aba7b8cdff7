package org.newsvault.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EntryQueueTest {

    @Test
    void itemWorkGoesBeforeLaterWorkEachInTheOrderQueued() throws Exception {
        List<String> ran = new ArrayList<>();
        var pool = new ThreadPoolExecutor(1, 1, 0L, TimeUnit.MILLISECONDS, new EntryQueue());
        try {
            CountDownLatch hold = new CountDownLatch(1);
            pool.execute(() -> await(hold)); // the one thread is busy while the rest is queued
            pool.execute(EntryQueue.later(() -> ran.add("parse 1")));
            pool.execute(() -> ran.add("item a"));
            pool.execute(EntryQueue.later(() -> ran.add("parse 2")));
            pool.execute(() -> ran.add("item b"));
            hold.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(ran).containsExactly("item a", "item b", "parse 1", "parse 2");
    }

    @Test
    void shutdownNowHandsBackEveryQueuedTask() {
        var pool = new ThreadPoolExecutor(1, 1, 0L, TimeUnit.MILLISECONDS, new EntryQueue());
        CountDownLatch hold = new CountDownLatch(1);
        pool.execute(() -> await(hold));
        Runnable later = EntryQueue.later(() -> {});
        Runnable item = () -> {};
        pool.execute(later);
        pool.execute(item);
        List<Runnable> left = pool.shutdownNow();
        hold.countDown();
        assertThat(left).containsExactly(item, later);
    }

    @Test
    void queueOperations() throws Exception {
        var q = new EntryQueue();
        assertThat(q.poll()).isNull();
        assertThat(q.poll(10, TimeUnit.MILLISECONDS)).isNull();
        Runnable a = EntryQueue.later(() -> {});
        Runnable b = () -> {};
        Runnable c = () -> {};
        q.put(a);
        q.offer(b);
        q.offer(c, 1, TimeUnit.SECONDS);
        assertThat(q).hasSize(3).containsExactly(b, c, a);
        assertThat(q.peek()).isSameAs(b);
        assertThat(q.remove(c)).isTrue();
        assertThat(q.remove(c)).isFalse();
        assertThat(q.take()).isSameAs(b);
        List<Runnable> drained = new ArrayList<>();
        assertThat(q.drainTo(drained)).isEqualTo(1);
        assertThat(drained).containsExactly(a);
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.remainingCapacity()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void takeWaitsForWork() throws Exception {
        var q = new EntryQueue();
        Runnable r = () -> {};
        Thread t = new Thread(() -> {
            await(new CountDownLatch(0));
            q.offer(r);
        });
        t.start();
        assertThat(q.take()).isSameAs(r);
        t.join();
    }

    private static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
