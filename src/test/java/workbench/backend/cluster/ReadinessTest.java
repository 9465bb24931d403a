package workbench.backend.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static workbench.backend.cluster.Pods.classic;
import static workbench.backend.cluster.Pods.nativeSidecar;
import static workbench.backend.cluster.Pods.plain;
import static workbench.backend.cluster.Pods.running;
import static workbench.backend.cluster.Pods.waiting;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import workbench.backend.PodStatus;

class ReadinessTest {

    @Nested
    class PodsWithSidecars {
        @Test
        void runningWithAppAndProxyReadyIsReady() {
            Pod p = classic("reviews-v1-abc", "Running", running("reviews", true), running("istio-proxy", true)).build();
            assertThat(Readiness.podPending(p)).isEmpty();
            assertThat(Readiness.status(p)).isEqualTo(new PodStatus("reviews-v1-abc", 2, 2, "Running", true));
        }

        @Test
        void proxyNotReadyIsPendingAndNamed() {
            Pod p = classic("reviews-v1-abc", "Running", running("reviews", true), running("istio-proxy", false)).build();
            assertThat(Readiness.podPending(p)).contains("pod reviews-v1-abc: not ready: istio-proxy");
            assertThat(Readiness.status(p).ready()).isEqualTo("1/2");
        }

        @Test
        void nativeSidecarCountsLikeKubectlShowsIt() {
            Pod ready = nativeSidecar("details-v1-x", running("details", true), running("istio-proxy", true));
            assertThat(Readiness.hasProxy(ready)).isTrue();
            assertThat(Readiness.podPending(ready)).isEmpty();
            assertThat(Readiness.status(ready)).isEqualTo(new PodStatus("details-v1-x", 2, 2, "Running", true));

            Pod proxyStarting = nativeSidecar("details-v1-x", running("details", true), running("istio-proxy", false));
            assertThat(Readiness.podPending(proxyStarting)).contains("pod details-v1-x: not ready: istio-proxy");
        }

        @Test
        void podWithoutSidecarIsNeverReady() {
            Pod p = plain("ratings-v1-y", running("ratings", true)).build();
            assertThat(Readiness.hasProxy(p)).isFalse();
            assertThat(Readiness.podPending(p)).get().asString().contains("has no istio-proxy container");
            assertThat(Readiness.status(p)).isEqualTo(new PodStatus("ratings-v1-y", 1, 1, "Running", false));
        }

        @Test
        void podThatOptedOutOfInjectionIsReadyWithoutSidecar() {
            Pod p = plain("job-z", running("tool", true)).editMetadata()
                    .addToAnnotations("sidecar.istio.io/inject", "false").endMetadata().build();
            assertThat(Readiness.podPending(p)).isEmpty();
        }

        @Test
        void pullingImageShowsTheWaitingReason() {
            Pod p = classic("productpage-v1-q", "Pending", waiting("productpage", "ContainerCreating", ""),
                    waiting("istio-proxy", "ContainerCreating", "")).build();
            assertThat(Readiness.status(p).phase()).isEqualTo("ContainerCreating");
            assertThat(Readiness.podPending(p)).contains("pod productpage-v1-q: ContainerCreating");
        }

        @Test
        void unfinishedInitContainerShowsInitProgress() {
            Pod p = new PodBuilder(classic("a", "Pending", waiting("app", "PodInitializing", ""), waiting("istio-proxy", "PodInitializing", "")).build())
                    .editStatus().withInitContainerStatuses(running("istio-init", false)).endStatus().build();
            assertThat(Readiness.status(p).phase()).isEqualTo("Init:0/1");
        }

        @Test
        void terminatingPodIsNotReady() {
            Pod p = classic("old", "Running", running("app", true), running("istio-proxy", true))
                    .editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata().build();
            assertThat(Readiness.isTerminating(p)).isTrue();
            assertThat(Readiness.podPending(p)).contains("pod old: terminating");
            assertThat(Readiness.status(p).phase()).isEqualTo("Terminating");
        }
    }

    @Nested
    class Deployments {
        private Deployment deployment(int want, long generation, long observed, int total, int updated, int ready) {
            return new DeploymentBuilder().withNewMetadata().withName("istiod").withGeneration(generation).endMetadata()
                    .withNewSpec().withReplicas(want).endSpec()
                    .withNewStatus().withObservedGeneration(observed).withReplicas(total).withUpdatedReplicas(updated)
                    .withReadyReplicas(ready).endStatus().build();
        }

        @Test
        void rolledOutIsReady() {
            assertThat(Readiness.deploymentPending(deployment(1, 2, 2, 1, 1, 1))).isEmpty();
        }

        @Test
        void eachUnfinishedStepIsNamed() {
            assertThat(Readiness.deploymentPending(deployment(1, 3, 2, 1, 1, 1))).get().asString().contains("not seen the new spec");
            assertThat(Readiness.deploymentPending(deployment(2, 1, 1, 2, 1, 1))).contains("Deployment istiod: 1/2 replicas updated");
            assertThat(Readiness.deploymentPending(deployment(1, 1, 1, 2, 1, 1))).contains("Deployment istiod: 1 old replicas still terminating");
            assertThat(Readiness.deploymentPending(deployment(1, 1, 1, 1, 1, 0))).contains("Deployment istiod: 0/1 replicas ready");
        }

        @Test
        void noStatusYetIsPending() {
            Deployment d = new DeploymentBuilder().withNewMetadata().withName("istiod").endMetadata().build();
            assertThat(Readiness.deploymentPending(d)).contains("Deployment istiod: no status yet");
        }
    }

    @Nested
    class InjectorWebhook {
        private MutatingWebhookConfiguration mwc(String... bundles) {
            MutatingWebhookConfigurationBuilder b = new MutatingWebhookConfigurationBuilder()
                    .withNewMetadata().withName("istio-sidecar-injector").endMetadata();
            String[] names = {"rev.namespace.sidecar-injector.istio.io", "rev.object.sidecar-injector.istio.io",
                    "namespace.sidecar-injector.istio.io", "object.sidecar-injector.istio.io"};
            for (int i = 0; i < bundles.length; i++) {
                b.addNewWebhook().withName(names[i]).withNewClientConfig().withCaBundle(bundles[i]).endClientConfig().endWebhook();
            }
            return b.build();
        }

        @Test
        void readyWhenEveryWebhookHasTheBundle() {
            assertThat(Readiness.webhookPending(mwc("LS0t", "LS0t", "LS0t", "LS0t"))).isEmpty();
        }

        @Test
        void pendingNamesTheWebhooksWithoutBundle() {
            assertThat(Readiness.webhookPending(mwc("LS0t", null, "", "LS0t")))
                    .contains("istio-sidecar-injector: no caBundle yet on rev.object.sidecar-injector.istio.io, namespace.sidecar-injector.istio.io");
        }

        @Test
        void missingOrEmptyConfigurationIsPending() {
            assertThat(Readiness.webhookPending(null)).contains("MutatingWebhookConfiguration not created yet");
            assertThat(Readiness.webhookPending(mwc())).contains("istio-sidecar-injector has no webhooks yet");
        }
    }

    @Test
    void injectionLabel() {
        assertThat(Readiness.injectionEnabled(new NamespaceBuilder().withNewMetadata().withName("default")
                .addToLabels("istio-injection", "enabled").endMetadata().build())).isTrue();
        assertThat(Readiness.injectionEnabled(new NamespaceBuilder().withNewMetadata().withName("default")
                .addToLabels("istio-injection", "disabled").endMetadata().build())).isFalse();
        assertThat(Readiness.injectionEnabled(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build())).isFalse();
        assertThat(Readiness.injectionEnabled(null)).isFalse();
    }

    @Test
    void helmInstallJob() {
        Job done = new JobBuilder().withNewMetadata().withName("helm-install-istiod").endMetadata()
                .withNewStatus().withSucceeded(1).withFailed(1).endStatus().build();
        Job running = new JobBuilder().withNewMetadata().withName("helm-install-istiod").endMetadata()
                .withNewStatus().withActive(1).withFailed(2).endStatus().build();
        assertThat(Readiness.jobPending(done)).isEmpty();
        assertThat(Readiness.jobPending(running)).contains("job helm-install-istiod: running (2 failed attempts so far)");
        assertThat(Readiness.failedAttempts(running)).isEqualTo(2);
        assertThat(Readiness.jobPending(null)).contains("job not created yet");
    }
}
