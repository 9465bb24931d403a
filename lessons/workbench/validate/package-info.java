/**
 * Checks VirtualService and DestinationRule manifests as a real Istio 1.28 cluster would, in the words the cluster
 * uses, so that a lesson can show what {@code kubectl apply} and {@code istioctl analyze} would answer before the
 * embedded mesh applies the manifest.
 *
 * <ul>
 *   <li>{@link workbench.validate.Validator#validate}: the API server (strict decoding, CRD schema and CEL rules),
 *       then istiod's validating webhook.</li>
 *   <li>{@link workbench.validate.Validator#analyze}: istioctl analyze's cross-resource messages.</li>
 *   <li>{@link workbench.validate.Validator#unmodelled}: fields the embedded mesh ignores.</li>
 *   <li>{@link workbench.validate.Validation#rejectionMessage}: kubectl's text for a refusal.</li>
 * </ul>
 *
 * Sources read (istio/istio tag 1.28.0): pkg/config/validation/validation.go, virtualservice.go,
 * header_value_validator.go, agent/validation.go, pkg/config/labels, pkg/config/host, pkg/webhooks/validation/server,
 * pkg/config/analysis/analyzers/{virtualservice,destinationrule,schema,util}, pkg/config/analysis/msg/messages.yaml
 * and manifests/charts/base/files/crd-all.gen.yaml; Go's regexp/syntax and time.ParseDuration; Kubernetes'
 * apiextensions validation and kube-openapi error texts. The code here is written from those, not copied.
 */
package workbench.validate;
