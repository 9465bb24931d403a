package workbench.lesson;

/** One thing a lesson asserts about what it observed, and whether it held. */
public record Check(String step, String claim, boolean passed, String observed) {

    public String mark() { return passed ? "✔" : "✘"; }
}
