package workbench.backend;

/**
 * One line of {@code kubectl get pods}: name, ready containers over containers (kubectl counts native sidecars
 * too), phase; and whether Istio's injector gave the pod an {@code istio-proxy}.
 */
public record PodStatus(String name, int readyContainers, int containers, String phase, boolean istioProxy) {
    public String ready() { return readyContainers + "/" + containers; }

    public boolean allReady() { return containers > 0 && readyContainers == containers; }
}
