package org.newsvault.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.newsvault.schedule.FeedStatus;
import picocli.CommandLine.Help.Ansi;

/** Renders feed statuses as an aligned text table with relative times; failing feeds are marked (red on a terminal). */
final class StatusTable {
    private static final int URL_WIDTH = 48;
    private static final int ERROR_WIDTH = 70;

    private StatusTable() {}

    static String render(List<FeedStatus> feeds, Instant now, Ansi ansi) {
        return render(feeds, Map.of(), now, ansi);
    }

    /**
     * @param articlesByOutlet every article per outlet from the article table (imported ones have no feed, so the
     *                         feeds' counts miss them); empty: the total is the feeds' sum
     */
    static String render(List<FeedStatus> feeds, Map<String, Long> articlesByOutlet, Instant now, Ansi ansi) {
        List<String[]> rows = new ArrayList<>();
        // Which node polled each feed: a column only once more than one node has polled (one node alone: as before).
        boolean by = feeds.stream().map(FeedStatus::polledBy).filter(java.util.Objects::nonNull).distinct().count() > 1;
        rows.add(by ? new String[] {"", "OUTLET", "FEED", "LAST POLL", "BY", "LAST OK", "LAST NEW", "NEXT POLL", "ARTICLES", "ERRORS"}
            : new String[] {"", "OUTLET", "FEED", "LAST POLL", "LAST OK", "LAST NEW", "NEXT POLL", "ARTICLES", "ERRORS"});
        for (FeedStatus f : feeds) {
            String mark = !f.enabled() ? "-" : f.failing() ? "!" : "";
            String errors = f.failing() ? f.errorCount() + "x " + cut(f.lastError() == null ? "" : f.lastError(), ERROR_WIDTH) : "";
            List<String> r = new ArrayList<>(List.of(mark, f.outlet(), middle(f.url(), URL_WIDTH), ago(f.lastPoll(), now)));
            if (by) r.add(f.polledBy() == null ? "-" : f.polledBy());
            r.addAll(List.of(ago(f.lastSuccess(), now), ago(f.lastNew(), now), f.enabled() ? until(f.nextPoll(), now) : "disabled",
                String.valueOf(f.articles()), errors));
            rows.add(r.toArray(String[]::new));
        }
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) w[i] = Math.max(w[i], width(r[i]));
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < rows.size(); n++) {
            String[] r = rows.get(n);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]);
                if (i < r.length - 1) line.append(" ".repeat(w[i] - width(r[i]) + 2));
            }
            String text = line.toString().stripTrailing();
            boolean failing = n > 0 && "!".equals(r[0]);
            sb.append(failing && ansi.enabled() ? "\u001B[1;31m" + text + "\u001B[0m" : text).append('\n');
        }
        long failing = feeds.stream().filter(f -> f.enabled() && f.failing()).count();
        long disabled = feeds.stream().filter(f -> !f.enabled()).count();
        long articles = articlesByOutlet.isEmpty() ? feeds.stream().mapToLong(FeedStatus::articles).sum()
            : articlesByOutlet.values().stream().mapToLong(Long::longValue).sum();
        sb.append(String.format("%d feeds: %d ok, %d failing, %d disabled; %d articles%n",
            feeds.size(), feeds.size() - failing - disabled, failing, disabled, articles));
        if (!articlesByOutlet.isEmpty()) {
            StringBuilder per = new StringBuilder("articles per outlet:");
            articlesByOutlet.forEach((outlet, n) -> per.append(' ').append(outlet).append(' ').append(n).append(','));
            sb.append(per, 0, per.length() - 1).append('\n');
        }
        return sb.toString();
    }

    /** One line per node: name, alive or dead, heartbeat age, feeds owned, polls done, polls under way. */
    static String nodes(List<org.newsvault.schedule.NodeStatus> nodes) {
        StringBuilder sb = new StringBuilder();
        for (var n : nodes) {
            sb.append(String.format("node %s: %s, heartbeat %ds ago, %d feeds owned, %d polls done, %d polling now%n",
                n.name(), n.alive() ? "alive" : "dead", n.heartbeatAge(), n.feedsOwned(), n.polls(), n.leases()));
        }
        return sb.toString();
    }

    /** "5m ago", "just now", "never". */
    static String ago(Instant t, Instant now) {
        if (t == null) return "never";
        Duration d = Duration.between(t, now);
        if (d.isNegative()) return "just now";
        return d.toSeconds() < 5 ? "just now" : human(d) + " ago";
    }

    /** "in 25m", "due", "-". */
    static String until(Instant t, Instant now) {
        if (t == null) return "-";
        Duration d = Duration.between(now, t);
        return d.toSeconds() < 1 ? "due" : "in " + human(d);
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) return s + "s";
        if (s < 3600) return s / 60 + "m";
        if (s < 86400) return s / 3600 + "h" + (s % 3600 >= 60 && s < 36000 ? s % 3600 / 60 + "m" : "");
        return s / 86400 + "d";
    }

    /** Display width: CJK and other wide characters take two columns. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            w += wide(c) ? 2 : 1;
            i += Character.charCount(c);
        }
        return w;
    }

    private static boolean wide(int c) {
        return c >= 0x1100 && (c <= 0x115F || c >= 0x2E80 && c <= 0xA4CF || c >= 0xAC00 && c <= 0xD7A3
            || c >= 0xF900 && c <= 0xFAFF || c >= 0xFE30 && c <= 0xFE4F || c >= 0xFF00 && c <= 0xFF60
            || c >= 0xFFE0 && c <= 0xFFE6 || c >= 0x20000 && c <= 0x3FFFD);
    }

    static String middle(String s, int max) {
        if (s.length() <= max) return s;
        int head = (max - 1) * 2 / 3;
        return s.substring(0, head) + "…" + s.substring(s.length() - (max - 1 - head));
    }

    static String cut(String s, int max) {
        String one = s.lines().findFirst().orElse("");
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
