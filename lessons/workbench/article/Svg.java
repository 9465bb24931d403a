package workbench.article;

/** What the workbench's own SVG figures share. */
final class Svg {
    private Svg() {}

    /**
     * The opening tag of a figure: its size, and a viewBox of the same size so that the article's
     * {@code max-width:100%} scales it down on a narrow screen instead of cropping it.
     */
    static String open(String cssClass, int width, int height, String caption) {
        return String.format(java.util.Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"%s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n",
                cssClass, width, height, width, height, escape(caption));
    }

    /** Text and attribute values inside SVG escape the XML specials. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
