package org.pgmigrate.report;

import java.util.List;
import java.util.Locale;

/**
 * Builds an HTML page as text. Every text put in it goes through {@link #text}: object names,
 * messages and endpoints may hold {@code <}, {@code &} or quotes, and reach the page as the
 * characters they are, never as markup.
 */
final class Html {
    private final StringBuilder out = new StringBuilder(16 * 1024);

    /**
     * {@code value} as HTML text, also fit for an attribute value in double or single quotes.
     * Control characters (but tab and line breaks) and unpaired surrogates, which an HTML page
     * cannot hold, become U+FFFD.
     */
    static String text(String value) {
        StringBuilder s = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                case '\t', '\n', '\r' -> s.append(c);
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        s.append('\uFFFD');
                    } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                        s.append(c).append(value.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        s.append('\uFFFD');
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.toString();
    }

    /** A number for SVG coordinates: two decimals at most, a dot whatever the machine's locale. */
    static String num(double value) {
        String s = String.format(Locale.ROOT, "%.2f", value);
        return s.endsWith(".00") ? s.substring(0, s.length() - 3) : s;
    }

    /** Markup, as it is: only ever literals of this package and values already escaped. */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** {@code <tag class="cls">text</tag>}, the text escaped. */
    Html element(String tag, String cls, String text) {
        out.append('<').append(tag);
        if (!cls.isEmpty()) {
            out.append(" class=\"").append(cls).append('"');
        }
        return raw(">").escaped(text).raw("</" + tag + ">");
    }

    Html escaped(String text) {
        out.append(text(text));
        return this;
    }

    /** A table with a header row; {@code numeric} columns align right. Rows are added with {@link #row}. */
    Html tableStart(String cls, List<String> headers, int... numeric) {
        raw("<table" + (cls.isEmpty() ? "" : " class=\"" + cls + "\"") + "><thead><tr>");
        for (int i = 0; i < headers.size(); i++) {
            raw(isNumeric(i, numeric) ? "<th class=\"n\">" : "<th>").escaped(headers.get(i)).raw("</th>");
        }
        return raw("</tr></thead><tbody>");
    }

    /** A row of escaped cells; {@code attributes} (already escaped) go on the {@code tr}. */
    Html row(String attributes, List<String> cells, int... numeric) {
        raw(attributes.isEmpty() ? "<tr>" : "<tr " + attributes + ">");
        for (int i = 0; i < cells.size(); i++) {
            raw(isNumeric(i, numeric) ? "<td class=\"n\">" : "<td>").escaped(cells.get(i)).raw("</td>");
        }
        return raw("</tr>");
    }

    Html tableEnd() {
        return raw("</tbody></table>");
    }

    private static boolean isNumeric(int column, int[] numeric) {
        for (int n : numeric) {
            if (n == column) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
