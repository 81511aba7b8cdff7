package org.newsvault.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BatcherTest {
    @Test
    void everyItemIsHandledOnceInOrderBeforeCloseReturns() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        Batcher<Integer> b = new Batcher<>("test", 7, batches::add, (i, e) -> {});
        for (int i = 0; i < 100; i++) b.add(i);
        b.close();
        assertThat(batches.stream().flatMap(List::stream)).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).boxed().toList());
        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 7));
    }

    @Test
    void aLingeringBatchCollectsItemsThatComeOneAtATime() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        // the batch is handled when full, long before its linger is over
        Batcher<Integer> b = new Batcher<>("test", 5, Duration.ofMinutes(5), batches::add, (i, e) -> {});
        for (int i = 0; i < 10; i++) {
            b.add(i);
            Thread.sleep(2);
        }
        b.close();
        assertThat(batches).containsExactly(List.of(0, 1, 2, 3, 4), List.of(5, 6, 7, 8, 9));
    }

    @Test
    void closeEndsALingerAndHandlesWhatIsLeft() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        Batcher<Integer> b = new Batcher<>("test", 100, Duration.ofDays(1), batches::add, (i, e) -> {});
        b.add(1);
        b.add(2);
        b.close();
        assertThat(batches).containsExactly(List.of(1, 2));
    }

    @Test
    void aBatchWhoseHandlerThrowsGoesItemByItemToTheFailureHandler() throws Exception {
        List<Integer> failed = new CopyOnWriteArrayList<>();
        Batcher<Integer> b = new Batcher<>("test", 3, Duration.ofMinutes(5), batch -> {
            throw new IllegalStateException("refused");
        }, (i, e) -> {
            assertThat(e).hasMessage("refused");
            failed.add(i);
        });
        for (int i = 0; i < 6; i++) b.add(i);
        b.close();
        assertThat(failed).containsExactly(0, 1, 2, 3, 4, 5);
    }
}
