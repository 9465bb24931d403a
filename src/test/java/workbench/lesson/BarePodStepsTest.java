package workbench.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workbench.manifest.Document;

/**
 * The imperative command shown for a manifest is the one that makes exactly that object (kubectl run: a Pod of one
 * container named and labelled run=NAME; kubectl expose pod: a Service named as the pod, selecting run=NAME, one port
 * with the same target port); anything else is shown as kubectl apply -f.
 */
class BarePodStepsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {kind: Pod, metadata: {name: nginx, labels: {run: nginx}}, spec: {containers: [{name: nginx, image: 'nginx:1.27.5', ports: [{containerPort: 80}]}]}} | kubectl run nginx -n ns --image=nginx:1.27.5 --port=80
            {kind: Pod, metadata: {name: curl, labels: {run: curl}}, spec: {containers: [{name: curl, image: c, command: [sleep, infinity]}]}} | kubectl run curl -n ns --image=c --command -- sleep infinity
            {kind: Pod, metadata: {name: web, labels: {app: web}}, spec: {containers: [{name: web, image: 'nginx:1.27.5'}]}} | kubectl apply -n ns -f manifests/x.yaml
            {kind: Service, metadata: {name: nginx}, spec: {selector: {run: nginx}, ports: [{port: 80}]}} | kubectl expose pod nginx -n ns --port=80
            {kind: Service, metadata: {name: nginx}, spec: {selector: {run: nginx}, ports: [{port: 80, targetPort: 8080}]}} | kubectl apply -n ns -f manifests/x.yaml
            """)
    void commandFor(String yaml, String command) throws Exception {
        Document doc = new Document(Path.of("x.yaml"), 0, new ObjectMapper(new YAMLFactory()).readTree(yaml));
        assertThat(BarePodSteps.command(doc, "ns", "manifests/x.yaml")).isEqualTo(command);
    }
}
