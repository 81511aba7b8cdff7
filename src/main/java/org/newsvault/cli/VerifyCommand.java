package org.newsvault.cli;

import java.util.concurrent.Callable;
import org.newsvault.config.Settings;
import org.newsvault.verify.Verifier;
import org.newsvault.verify.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code newsvault verify}: one line per disagreement between the database and the files, then a summary. */
@Command(name = "verify", description = {"Check that the database opens and agrees with the files on disk:",
    "every article has its file (byte for byte), every original its blob, no temp file or orphan is left.",
    "Works while the daemon runs (its writes in flight are left to it).",
    "Exit status: 0 clean (or everything repaired), 1 problems left."})
public final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    NewsvaultCommand parent;

    @Option(names = "--repair", description = {"re-render missing or different files from the database (a different",
        "file is moved to archive/.orphans first), delete temp files, move orphans to archive/.orphans;",
        "reports what cannot be fixed (a lost original)"})
    boolean repair;

    @Option(names = "--deep", description = "also decompress every original and check its SHA-256 (reads them all)")
    boolean deep;

    @Override
    public Integer call() {
        Settings s = parent.settings();
        TerminalProgress[] bar = {null};
        VerifyReport r;
        try {
            r = new Verifier(s.database(), s.data(), s.archive(), repair, deep, p -> {
                if (bar[0] == null) System.out.println(p.line()); else bar[0].printOut(p.line());
            }).run(new Verifier.Progress() {
                @Override
                public void total(long rows) {
                    bar[0] = TerminalProgress.start("verify", rows, "rows");
                }

                @Override
                public void checked() {
                    bar[0].step();
                }
            });
        } finally {
            if (bar[0] != null) bar[0].close();
        }
        System.out.println(r.summary());
        return r.clean() ? 0 : 1;
    }
}
