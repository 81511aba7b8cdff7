package org.newsvault.cli;

import java.util.List;

/** Left-aligned text columns, two spaces apart, counting CJK characters as two columns wide. */
final class Columns {
    private Columns() {}

    static String align(List<String[]> rows) {
        int n = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] w = new int[n];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) w[i] = Math.max(w[i], StatusTable.width(r[i]));
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]);
                if (i < r.length - 1) line.append(" ".repeat(w[i] - StatusTable.width(r[i]) + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
