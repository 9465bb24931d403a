package workbench.article;

/** What the workbench's own SVG figures share. */
final class Svg {
    private Svg() {}

    /** Text and attribute values inside SVG escape the XML specials. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
