package workbench.backend;

/** One line of {@code kubectl get pods}: name, ready containers (the app plus istio-proxy), phase. */
public record PodStatus(String name, int readyContainers, int containers, String phase) {
    public String ready() { return readyContainers + "/" + containers; }
}
