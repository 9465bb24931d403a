package workbench.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that starts a k3s cluster (minutes, about 1 GB of downloads). It runs only with
 * {@code mvn test -Pk3s}; otherwise it is skipped with that instruction as its reason.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(K3sProfile.class)
public @interface StartsK3s {}
