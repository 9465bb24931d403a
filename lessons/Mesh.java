///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8
//COMPILE_OPTIONS -encoding UTF-8
//SOURCES workbench/**.java

import workbench.cli.MeshCommand;

/** {@code jbang mesh@catalog validate -f FILE...} and {@code jbang mesh@catalog probe -f FILE... [--json]}. */
public class Mesh {
    public static void main(String... args) {
        MeshCommand.main(args);
    }
}
