package workbench.lesson;

import java.nio.file.Path;
import java.util.List;
import workbench.traffic.Observations;

/** What a run produced: its exit status, its checks, its bulk observations and the article it wrote. */
public record LessonResult(int exitCode, List<Check> checks, List<Observations> bulkRuns, Path article, long seed, String error) {
    public static final int PASSED = 0;
    public static final int CHECK_FAILED = 1;
    public static final int ERROR = 2;

    public boolean passed() { return exitCode == PASSED; }
}
