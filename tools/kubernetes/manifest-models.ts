// Which schema checks each object in deploy/kubernetes: apiVersion + kind → the kubernetes-models
// class generated from the Kubernetes OpenAPI schema (KEDA's CRDs for keda.sh). Explicit on
// purpose: a kind missing here fails the manifest spec by name, so a new manifest kind cannot go
// unchecked. The installed kubernetes-models 4.5 follows Kubernetes 1.32 (docs/deployment.md,
// "Checking the manifests").
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { RuntimeClass } from 'kubernetes-models/node.k8s.io/v1/RuntimeClass';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';

/** A generated model: built from a plain object, `validate()` throws with the schema's messages. */
interface ValidatingModel {
  validate(): void;
}
type ModelClass = new (data: never) => ValidatingModel;

const MODELS: Record<string, ModelClass> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'node.k8s.io/v1/RuntimeClass': RuntimeClass,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
  'keda.sh/v1alpha1/TriggerAuthentication': TriggerAuthentication,
};

/** The kinds this table knows, as `apiVersion/kind`. */
export const KNOWN_KINDS: readonly string[] = Object.keys(MODELS);

/**
 * Validates one manifest document against its kind's schema. Returns the problem, or null when
 * the document is valid. An unknown apiVersion/kind is a problem too (see the header).
 */
export function schemaProblem(document: unknown): string | null {
  if (!isObject(document)) return 'not a mapping (every document must be one Kubernetes object)';
  const { apiVersion, kind } = document;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return 'apiVersion and kind must be strings';
  const Model = MODELS[`${apiVersion}/${kind}`];
  if (!Model)
    return `no schema for ${apiVersion}/${kind}: add its model to tools/kubernetes/manifest-models.ts (known: ${KNOWN_KINDS.join(', ')})`;
  try {
    new Model(document as never).validate();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
