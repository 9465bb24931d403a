///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8
//COMPILE_OPTIONS -encoding UTF-8
//SOURCES workbench/**.java

import workbench.cli.CanaryCommand;

/** {@code jbang canary@catalog --service reviews --stable v1 --canary v3 --steps 10,20,50 [--json]}. */
public class Canary {
    public static void main(String... args) {
        CanaryCommand.main(args);
    }
}
