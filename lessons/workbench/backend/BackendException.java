package workbench.backend;

/** A backend that cannot do what was asked; the message says what was waited for and what to do. */
public class BackendException extends RuntimeException {
    public BackendException(String message) { super(message); }

    public BackendException(String message, Throwable cause) { super(message, cause); }
}
