package workbench.cli;

/** An option value that cannot work; reported as one short line, like a bad manifest. */
public class UsageException extends RuntimeException {
    public UsageException(String message) { super(message); }
}
