package org.newsvault.verify;

/**
 * What a verification looked at and found.
 *
 * @param problems every problem found, repaired or not
 * @param repaired of those, the ones {@code --repair} fixed
 * @param inFlight writes of the running daemon not finished yet (rows whose files it has not confirmed, its
 *                 temp files): not problems, and left alone; always 0 when verify has the archive to itself
 */
public record VerifyReport(long articles, long originals, long files, int problems, int repaired, int inFlight) {
    public VerifyReport(long articles, long originals, long files, int problems, int repaired) {
        this(articles, originals, files, problems, repaired, 0);
    }

    public int unrepaired() {
        return problems - repaired;
    }

    public boolean clean() {
        return unrepaired() == 0;
    }

    public String summary() {
        String head = String.format("verify: %,d articles, %,d originals, %,d archive files checked: ", articles, originals, files);
        String live = inFlight == 0 ? "" : "; " + inFlight + " writes of the running daemon in flight, left to it";
        if (problems == 0) return head + "no problems" + live;
        return head + problems + (problems == 1 ? " problem" : " problems")
            + (repaired > 0 ? " (" + repaired + " repaired, " + unrepaired() + " left)" : "") + live;
    }
}
