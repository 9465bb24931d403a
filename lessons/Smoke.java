///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8
//COMPILE_OPTIONS -encoding UTF-8
//SOURCES workbench/**.java
//SOURCES Lesson03TrafficManagement.java

import workbench.smoke.SmokeCommand;

/** {@code jbang smoke@catalog [lesson options]}: lesson 03 on k3s, then a short report to paste into a bug report. */
public class Smoke {
    public static void main(String... args) throws Exception {
        System.exit(SmokeCommand.run(Lesson03TrafficManagement.lesson(), System.out, args));
    }
}
