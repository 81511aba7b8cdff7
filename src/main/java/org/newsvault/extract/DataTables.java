package org.newsvault.extract;

import org.jsoup.nodes.Element;

/** Tells data tables (kept whole) from layout tables, with the checks browsers' accessibility code uses. */
final class DataTables {
    private DataTables() {}

    static boolean isData(Element table) {
        if ("presentation".equals(table.attr("role")) || "0".equals(table.attr("datatable"))) return false;
        if (!table.attr("summary").isEmpty()) return true;
        Element caption = table.selectFirst("caption");
        if (caption != null && caption.childNodeSize() > 0) return true;
        if (table.selectFirst("col, colgroup, tfoot, thead, th") != null) return true;
        if (table.getElementsByTag("table").size() > 1) return false;
        int rows = 0;
        int columns = 0;
        for (Element tr : table.getElementsByTag("tr")) {
            rows += Math.max(1, intAttr(tr, "rowspan"));
            int inRow = 0;
            for (Element td : tr.getElementsByTag("td")) inRow += Math.max(1, intAttr(td, "colspan"));
            columns = Math.max(columns, inRow);
        }
        if (columns == 1 || rows == 1) return false;
        if (rows >= 10 || columns > 4) return true;
        return rows * columns > 10;
    }

    private static int intAttr(Element e, String name) {
        try {
            return Integer.parseInt(e.attr(name).trim());
        } catch (NumberFormatException ex) {
            return 0;
        }
    }
}
