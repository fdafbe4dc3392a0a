// Checks over deploy/kubernetes that need no cluster: every document against its kind's schema
// (manifest-models.ts), the kustomization's file list, and a few cross-object checks a schema
// validator such as kubeconform cannot make. Each check returns problems as sentences naming the
// file and document, so one run reports everything that is wrong.
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { isObject, schemaProblem } from './manifest-models';

export interface ManifestDocument {
  file: string;
  /** 0-based position among the file's `---`-separated documents. */
  index: number;
  object: unknown;
}

export interface ManifestTree {
  documents: ManifestDocument[];
  /** kustomization.yaml's content: kustomize's own configuration, not a cluster object. */
  kustomization: unknown;
  /** Every *.yaml file in the directory, kustomization.yaml excepted. */
  manifestFiles: string[];
  /** YAML that did not parse. */
  problems: string[];
}

const KUSTOMIZATION = 'kustomization.yaml';
/** Documented examples (a Secret template, optional KEDA objects): validated, but not applied by kustomize. */
const EXAMPLE_SUFFIX = '.example.yaml';

export function loadManifestTree(directory: string): ManifestTree {
  const tree: ManifestTree = { documents: [], kustomization: undefined, manifestFiles: [], problems: [] };
  const files = fs
    .readdirSync(directory)
    .filter((file) => file.endsWith('.yaml'))
    .sort();
  for (const file of files) {
    const parsed = parseAllDocuments(fs.readFileSync(path.join(directory, file), 'utf8'));
    const documents = Array.isArray(parsed) ? parsed : [parsed];
    documents.forEach((document, index) => {
      if (document.errors.length > 0) {
        tree.problems.push(
          `${file}#${index}: YAML does not parse: ${document.errors.map((e) => e.message).join('; ')}`,
        );
        return;
      }
      const object: unknown = document.toJS();
      // A trailing `---` or a comment-only document is not an object; kubectl skips it too.
      if (object === null || object === undefined) return;
      if (file === KUSTOMIZATION) tree.kustomization = object;
      else tree.documents.push({ file, index, object });
    });
    if (file !== KUSTOMIZATION) tree.manifestFiles.push(file);
  }
  return tree;
}

/** `gateway.yaml#1 Service/gateway`: where a problem is, as the reports print it. */
export function describe(document: ManifestDocument): string {
  const kind = stringAt(document.object, 'kind') ?? '?';
  const name = stringAt(document.object, 'metadata', 'name') ?? '?';
  return `${document.file}#${document.index} ${kind}/${name}`;
}

export function schemaProblems(documents: readonly ManifestDocument[]): string[] {
  return documents.flatMap((document) => {
    const problem = schemaProblem(document.object);
    return problem === null ? [] : [`${describe(document)}: ${problem}`];
  });
}

/**
 * `kubectl apply -k` applies only what `resources:` lists: a missing entry fails the apply, and a
 * manifest file left out is silently never deployed.
 */
export function kustomizationProblems(tree: ManifestTree): string[] {
  if (!isObject(tree.kustomization)) return [`${KUSTOMIZATION}: missing or not a mapping`];
  const resources = tree.kustomization['resources'];
  if (!Array.isArray(resources)) return [`${KUSTOMIZATION}: resources must be a list`];
  const listed = new Set(resources.filter((entry): entry is string => typeof entry === 'string'));
  const problems = [...listed]
    .filter((entry) => !tree.manifestFiles.includes(entry))
    .map((entry) => `${KUSTOMIZATION}: resources entry ${entry} does not exist`);
  for (const file of tree.manifestFiles)
    if (!file.endsWith(EXAMPLE_SUFFIX) && !listed.has(file))
      problems.push(`${KUSTOMIZATION}: ${file} is not listed in resources, so kubectl apply -k never applies it`);
  return problems;
}

/**
 * The API server rejects a Deployment whose selector does not match its pod template's labels,
 * and a Service or PodDisruptionBudget that selects no pod's labels is accepted but routes to,
 * or protects, nothing.
 */
export function selectorProblems(documents: readonly ManifestDocument[]): string[] {
  const deployments = ofKind(documents, 'Deployment');
  const podLabels = deployments.map((deployment) =>
    labelsAt(deployment.object, 'spec', 'template', 'metadata', 'labels'),
  );
  const selectsSomePod = (selector: Record<string, string>): boolean =>
    podLabels.some((labels) => isSubset(selector, labels));
  const problems: string[] = [];
  for (const deployment of deployments) {
    const selector = labelsAt(deployment.object, 'spec', 'selector', 'matchLabels');
    const labels = labelsAt(deployment.object, 'spec', 'template', 'metadata', 'labels');
    if (Object.keys(selector).length === 0 || !isSubset(selector, labels))
      problems.push(
        `${describe(deployment)}: spec.selector.matchLabels ${show(selector)} must match the pod template's labels ${show(labels)}`,
      );
  }
  for (const service of ofKind(documents, 'Service')) {
    const selector = labelsAt(service.object, 'spec', 'selector');
    if (!selectsSomePod(selector))
      problems.push(`${describe(service)}: spec.selector ${show(selector)} selects no Deployment's pods`);
  }
  for (const budget of ofKind(documents, 'PodDisruptionBudget')) {
    const selector = labelsAt(budget.object, 'spec', 'selector', 'matchLabels');
    if (!selectsSomePod(selector))
      problems.push(`${describe(budget)}: spec.selector ${show(selector)} selects no Deployment's pods`);
  }
  return problems;
}

/** An autoscaler (HPA or KEDA ScaledObject) whose target is misnamed scales nothing and only logs it. */
export function scaleTargetProblems(documents: readonly ManifestDocument[]): string[] {
  const deploymentNames = new Set(ofKind(documents, 'Deployment').map((d) => stringAt(d.object, 'metadata', 'name')));
  return [...ofKind(documents, 'HorizontalPodAutoscaler'), ...ofKind(documents, 'ScaledObject')].flatMap((scaler) => {
    // KEDA's scaleTargetRef.kind defaults to Deployment; the HPA's is required by its schema.
    const kind = stringAt(scaler.object, 'spec', 'scaleTargetRef', 'kind') ?? 'Deployment';
    const name = stringAt(scaler.object, 'spec', 'scaleTargetRef', 'name');
    return kind === 'Deployment' && deploymentNames.has(name)
      ? []
      : [`${describe(scaler)}: scaleTargetRef ${kind}/${name ?? '?'} is not a Deployment in deploy/kubernetes`];
  });
}

/**
 * gVisor as docs/deployment.md ("gVisor", "The sandbox on Kubernetes") describes it: task
 * containers get gVisor from the sandbox pod's dind engine, whose daemon.json registers `runsc`
 * and `runsc-net`, and the service is configured to use them (SANDBOX_RUNTIME=runsc, never runc);
 * the sandbox pod itself must NOT set a RuntimeClass (dockerd does not run inside gVisor); the
 * `gvisor` RuntimeClass (handler runsc) exists for pods that opt in, and any pod that names a
 * RuntimeClass names one defined here (otherwise it is never scheduled).
 */
export function gvisorProblems(documents: readonly ManifestDocument[]): string[] {
  const problems: string[] = [];
  const runtimeClasses = ofKind(documents, 'RuntimeClass');
  const gvisor = runtimeClasses.find((c) => stringAt(c.object, 'metadata', 'name') === 'gvisor');
  if (!gvisor || stringAt(gvisor.object, 'handler') !== 'runsc')
    problems.push('runtimeclass.yaml: RuntimeClass gvisor with handler runsc is missing');
  const runtimeClassNames = new Set(runtimeClasses.map((c) => stringAt(c.object, 'metadata', 'name')));
  for (const workload of [...ofKind(documents, 'Deployment'), ...ofKind(documents, 'Job')]) {
    const runtimeClass = stringAt(workload.object, 'spec', 'template', 'spec', 'runtimeClassName');
    if (runtimeClass !== undefined && !runtimeClassNames.has(runtimeClass))
      problems.push(
        `${describe(workload)}: runtimeClassName ${runtimeClass} is not a RuntimeClass in deploy/kubernetes`,
      );
  }

  const sandbox = ofKind(documents, 'Deployment').find((d) => stringAt(d.object, 'metadata', 'name') === 'sandbox');
  if (!sandbox) return [...problems, 'sandbox.yaml: Deployment sandbox is missing'];
  if (stringAt(sandbox.object, 'spec', 'template', 'spec', 'runtimeClassName') !== undefined)
    problems.push(`${describe(sandbox)}: must not set runtimeClassName (its dind sidecar cannot run inside gVisor)`);
  const volumes = at(sandbox.object, 'spec', 'template', 'spec', 'volumes');
  const mountsDindConfig =
    Array.isArray(volumes) && volumes.some((volume) => stringAt(volume, 'configMap', 'name') === 'sandbox-dind');
  if (!mountsDindConfig)
    problems.push(`${describe(sandbox)}: must mount ConfigMap sandbox-dind (the engine's gVisor runtimes)`);

  const dindConfig = configMapData(documents, 'sandbox-dind');
  const runtimes = at(parseJson(dindConfig['daemon.json']), 'runtimes');
  for (const runtime of ['runsc', 'runsc-net'])
    if (!stringAt(runtimes, runtime, 'path')?.endsWith('/runsc'))
      problems.push(`ConfigMap sandbox-dind: daemon.json must register the runtime ${runtime} with the runsc binary`);
  if (configMapData(documents, 'patchbay-config')['SANDBOX_RUNTIME'] !== 'runsc')
    problems.push('ConfigMap patchbay-config: SANDBOX_RUNTIME must be runsc (runc runs tasks without gVisor)');
  return problems;
}

function ofKind(documents: readonly ManifestDocument[], kind: string): ManifestDocument[] {
  return documents.filter((document) => stringAt(document.object, 'kind') === kind);
}

function configMapData(documents: readonly ManifestDocument[], name: string): Record<string, string> {
  const configMap = ofKind(documents, 'ConfigMap').find((c) => stringAt(c.object, 'metadata', 'name') === name);
  return configMap ? labelsAt(configMap.object, 'data') : {};
}

function at(value: unknown, ...keys: string[]): unknown {
  return keys.reduce<unknown>((current, key) => (isObject(current) ? current[key] : undefined), value);
}

function stringAt(value: unknown, ...keys: string[]): string | undefined {
  const found = at(value, ...keys);
  return typeof found === 'string' ? found : undefined;
}

/** A string-to-string map (labels, selectors, ConfigMap data); other entries are dropped. */
function labelsAt(value: unknown, ...keys: string[]): Record<string, string> {
  const found = at(value, ...keys);
  if (!isObject(found)) return {};
  return Object.fromEntries(
    Object.entries(found).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function isSubset(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

function parseJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function show(labels: Record<string, string>): string {
  return JSON.stringify(labels);
}
