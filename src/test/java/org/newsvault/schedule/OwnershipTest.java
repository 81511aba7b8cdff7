package org.newsvault.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OwnershipTest {
    final List<String> feeds = IntStream.range(0, 3000).mapToObj(i -> "o\nhttps://site-" + i % 37 + ".example/feed/" + i).toList();

    @Test
    void aThirdNodeTakesAThirdAndMovesNothingElse() {
        List<String> two = List.of("alpha", "beta");
        List<String> three = List.of("alpha", "beta", "gamma");
        int toGamma = 0;
        for (String f : feeds) {
            String before = Ownership.owner(f, two);
            String after = Ownership.owner(f, three);
            if (after.equals("gamma")) toGamma++;
            else assertThat(after).as(f).isEqualTo(before); // a feed moves only to the new node
        }
        assertThat(toGamma).isBetween(feeds.size() * 28 / 100, feeds.size() * 38 / 100);
    }

    @Test
    void everyNodeComputesTheSameOwnerWhateverTheOrderOfTheList() {
        for (String f : feeds.subList(0, 200)) {
            assertThat(Ownership.owner(f, List.of("b", "a", "c"))).isEqualTo(Ownership.owner(f, List.of("c", "b", "a")));
        }
        assertThat(Ownership.owner("x", List.of())).isNull();
    }
}
