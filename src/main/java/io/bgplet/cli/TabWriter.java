package io.bgplet.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code text/tabwriter} with the settings of cilium's tables: minwidth 5, tabwidth 0,
 * padding 3, space padding, no flags. Cells are tab-terminated; the last cell of a line is
 * not part of any column. A column's width is set per block of consecutive lines that have
 * a cell in that column, exactly as Go computes it, so the text matches cilium byte for byte.
 */
final class TabWriter {
    private static final int MIN_WIDTH = 5;
    private static final int PADDING = 3;

    private final StringBuilder pending = new StringBuilder();

    /** Appends text; tabs end cells and newlines end lines, as with Go's fmt.Fprint(w, ...). */
    TabWriter print(String text) {
        pending.append(text);
        return this;
    }

    TabWriter println(String text) {
        return print(text).print("\n");
    }

    /** Formats everything written so far. */
    String flush() {
        List<List<String>> lines = new ArrayList<>();
        String text = pending.toString();
        boolean endsWithNewline = text.endsWith("\n");
        String[] raw = text.split("\n", -1);
        int count = endsWithNewline ? raw.length - 1 : raw.length;
        for (int i = 0; i < count; i++) lines.add(List.of(raw[i].split("\t", -1)));
        StringBuilder out = new StringBuilder();
        format(out, lines, new ArrayList<>(), 0, lines.size());
        pending.setLength(0);
        return out.toString();
    }

    private static void format(StringBuilder out, List<List<String>> lines, List<Integer> widths, int line0, int line1) {
        int column = widths.size();
        for (int line = line0; line < line1; line++) {
            if (column >= lines.get(line).size() - 1) continue;
            // a cell exists in this column: lines before it are complete, print them
            writeLines(out, lines, widths, line0, line);
            line0 = line;
            int width = MIN_WIDTH;
            for (; line < line1; line++) {
                List<String> cells = lines.get(line);
                if (column >= cells.size() - 1) break;
                width = Math.max(width, cells.get(column).codePointCount(0, cells.get(column).length()) + PADDING);
            }
            widths.add(width);
            format(out, lines, widths, line0, line);
            widths.removeLast();
            line0 = line;
            line--; // the for loop's increment re-examines the line that ended the block
        }
        writeLines(out, lines, widths, line0, line1);
    }

    private static void writeLines(StringBuilder out, List<List<String>> lines, List<Integer> widths, int from, int to) {
        for (int i = from; i < to; i++) {
            List<String> cells = lines.get(i);
            for (int j = 0; j < cells.size(); j++) {
                String cell = cells.get(j);
                out.append(cell);
                if (j < widths.size() && j < cells.size() - 1) {
                    out.repeat(' ', widths.get(j) - cell.codePointCount(0, cell.length()));
                }
            }
            out.append('\n');
        }
    }
}
