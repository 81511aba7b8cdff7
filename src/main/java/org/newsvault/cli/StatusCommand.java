package org.newsvault.cli;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.newsvault.extract.RuleHealth;
import org.newsvault.poll.RuleHealthText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code newsvault status}: every configured feed's health at a glance. */
@Command(name = "status", description = {"Show every feed: last poll, last success, last new article, next poll,",
    "articles archived, and the error streak and last error of failing feeds (marked !).",
    "Works while `newsvault run` is running (from the status file it keeps) and when it is not.",
    "Exit status: 0 no enabled feed failing, 1 some feed failing, 2 bad configuration."})
public final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    NewsvaultCommand parent;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Override
    public Integer call() {
        var settings = parent.settings();
        StatusLoader.Loaded loaded = StatusLoader.load(settings);
        var snap = loaded.snapshot();
        if (json) {
            System.out.println(withRules(snap.toJson(), loaded.rules()));
        } else {
            Instant now = Instant.now();
            System.out.println(loaded.running()
                ? "newsvault is running (status as of " + StatusTable.ago(snap.at(), now) + ")"
                : loaded.lastSeen() != null ? "daemon: stopped (last seen " + StatusTable.ago(loaded.lastSeen(), now) + ")"
                : "newsvault is not running");
            System.out.print(StatusTable.render(snap.feeds(), loaded.articlesByOutlet(), now, Ansi.AUTO));
            System.out.print(StatusTable.nodes(snap.nodes()));
            String images = StatusLoader.imagesLine(loaded.images());
            if (images != null) System.out.println(images);
            System.out.print(rulesLines(loaded.rules(), Ansi.AUTO));
        }
        return snap.feeds().stream().anyMatch(f -> f.enabled() && f.failing()) ? 1 : 0;
    }

    /** One line per outlet whose rules look stale: "! cdt: extraction rules look stale since …". */
    static String rulesLines(Map<String, RuleHealth.Verdict> rules, Ansi ansi) {
        StringBuilder sb = new StringBuilder();
        rules.forEach((outlet, v) -> {
            String line = RuleHealthText.ruleHealth(v);
            if (line == null) return;
            String text = "!  " + outlet + ": " + line;
            sb.append(ansi.enabled() ? "\u001B[1;33m" + text + "\u001B[0m" : text).append('\n');
        });
        return sb.toString();
    }

    /**
     * The status document with {@code "extraction"}: per outlet with pages its state (unknown, healthy, stale), since
     * when stale, the bad and judged pages, the bad ones by outcome, and the line {@code status} prints.
     */
    static String withRules(String json, Map<String, RuleHealth.Verdict> rules) {
        try {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(json);
            var out = root.putObject("extraction");
            rules.forEach((outlet, v) -> {
                var o = out.putObject(outlet);
                o.put("state", v.state().name().toLowerCase(java.util.Locale.ROOT));
                if (v.since() != null) o.put("staleSince", v.since().toString());
                o.put("badPages", v.bad());
                o.put("pages", v.pages());
                var causes = o.putObject("causes");
                v.causes().forEach((how, n) -> causes.put(how.label(), n));
                String line = RuleHealthText.ruleHealth(v);
                if (line != null) o.put("message", line);
            });
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (java.io.IOException | ClassCastException e) {
            return json;
        }
    }
}
