package org.newsvault.verify;

/**
 * What a verification looked at and found.
 *
 * @param problems every problem found, repaired or not
 * @param repaired of those, the ones {@code --repair} fixed
 */
public record VerifyReport(long articles, long originals, long files, int problems, int repaired) {
    public int unrepaired() {
        return problems - repaired;
    }

    public boolean clean() {
        return unrepaired() == 0;
    }

    public String summary() {
        String head = String.format("verify: %,d articles, %,d originals, %,d archive files checked: ", articles, originals, files);
        if (problems == 0) return head + "no problems";
        return head + problems + (problems == 1 ? " problem" : " problems")
            + (repaired > 0 ? " (" + repaired + " repaired, " + unrepaired() + " left)" : "");
    }
}
