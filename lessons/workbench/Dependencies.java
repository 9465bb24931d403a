package workbench;

// The libraries every lesson needs, declared once for JBang; pom.xml lists the same versions for Maven
// (DependenciesTest keeps the two in step).
//DEPS info.picocli:picocli:4.7.7
//DEPS com.fasterxml.jackson.dataformat:jackson-dataformat-yaml:2.20.0
//DEPS org.apache.commons:commons-math3:3.6.1
//DEPS com.google.re2j:re2j:1.8
//DEPS org.asciidoctor:asciidoctorj:3.0.0
//DEPS io.fabric8:kubernetes-client:7.5.2
//DEPS org.testcontainers:testcontainers-k3s:2.0.5
//DEPS org.slf4j:slf4j-nop:2.0.17
//DEPS org.apache.httpcomponents.core5:httpcore5:5.4.4
//DEPS com.jayway.jsonpath:json-path:2.10.0

/** Holds the shared {@code //DEPS} lines; JBang reads them from here for every lesson. */
final class Dependencies {
    private Dependencies() {}
}
