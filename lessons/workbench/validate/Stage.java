package workbench.validate;

/**
 * Which part of a real cluster produces a {@link Finding}. The order matters on a cluster: the API server decodes
 * the object strictly (unknown fields), then checks the CRD schema (types, required fields, CEL rules), and only
 * an object that passed both reaches istiod's validating webhook. {@code istioctl analyze} and the embedded-mesh
 * notes come after the object was accepted.
 */
public enum Stage {
    /** kubectl's strict field validation: a field the CRD does not declare ("strict decoding error"). */
    DECODE,
    /** The CRD's OpenAPI schema and CEL rules, checked by the API server. */
    SCHEMA,
    /** istiod's validating admission webhook (pkg/config/validation in istio/istio). */
    WEBHOOK,
    /** istioctl analyze's cross-resource analyzers (messages IST0xxx). */
    ANALYZER,
    /** The workbench's embedded mesh: configuration a real cluster applies but the emulator ignores. */
    EMBEDDED
}
