package workbench.lesson;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a lesson once for the annotated test class, on the backend it names, and hands its
 * {@link LessonRunExtension.Ran} to every test method that asks for it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LessonRunExtension.class)
public @interface RunsLesson {
    /** The lesson script's class; it must have a static {@code lesson()} method. */
    Class<?> value();

    /** The backend to run on. */
    String backend() default "embedded";

    /** Extra command-line arguments (the extension adds --backend and --out under target/). */
    String[] args() default {};
}
