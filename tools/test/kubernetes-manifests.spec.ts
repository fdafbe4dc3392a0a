// deploy/kubernetes checked without a cluster, on every `npm test` (docs/deployment.md,
// "Checking the manifests"): the schema of every document, the kustomization's file list, and
// cross-object checks. Each test prints every problem with file, document index, kind and name.
import path from 'node:path';
import {
  gvisorProblems,
  kustomizationProblems,
  loadManifestTree,
  scaleTargetProblems,
  schemaProblems,
  selectorProblems,
  type ManifestDocument,
} from '../kubernetes/manifest-checks';

const MANIFESTS = path.resolve(__dirname, '../../deploy/kubernetes');

describe('deploy/kubernetes', () => {
  const tree = loadManifestTree(MANIFESTS);

  it('parses every file', () => {
    expect(tree.problems).toEqual([]);
    expect(tree.documents.length).toBeGreaterThan(0);
  });

  it('matches the Kubernetes (and KEDA) schemas, every document', () => {
    expect(schemaProblems(tree.documents)).toEqual([]);
  });

  it('kustomization lists every manifest file, and only files that exist', () => {
    expect(kustomizationProblems(tree)).toEqual([]);
  });

  it('selectors match pod labels', () => {
    expect(selectorProblems(tree.documents)).toEqual([]);
  });

  it('autoscalers target Deployments that exist', () => {
    expect(scaleTargetProblems(tree.documents)).toEqual([]);
  });

  it('gVisor is where docs/deployment.md says it is', () => {
    expect(gvisorProblems(tree.documents)).toEqual([]);
  });
});

// The checks above pass only if they can fail: the same functions on broken documents.
describe('manifest checks', () => {
  const document = (object: unknown, index = 0): ManifestDocument => ({ file: 'broken.yaml', index, object });
  const deployment = (image: unknown, labels: Record<string, string> = { app: 'a' }) =>
    document({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'a' },
      spec: {
        selector: { matchLabels: { app: 'a' } },
        template: { metadata: { labels }, spec: { containers: [{ name: 'a', image }] } },
      },
    });

  it("reports a schema violation with file, index, kind/name and the validator's message", () => {
    expect(schemaProblems([deployment(5)])).toEqual([
      'broken.yaml#0 Deployment/a: data/spec/template/spec/containers/0/image must be string',
    ]);
  });

  it('fails an apiVersion/kind it has no schema for', () => {
    const problems = schemaProblems([
      document({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }, 3),
    ]);
    expect(problems).toEqual([
      expect.stringMatching(/^broken\.yaml#3 Widget\/w: no schema for example\.com\/v1\/Widget/),
    ]);
  });

  it('reports a selector that matches no pod template', () => {
    const service = document(
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'b' } } },
      1,
    );
    expect(selectorProblems([deployment('x', { app: 'other' }), service])).toEqual([
      expect.stringContaining('broken.yaml#0 Deployment/a: spec.selector.matchLabels'),
      'broken.yaml#1 Service/s: spec.selector {"app":"b"} selects no Deployment\'s pods',
    ]);
  });

  it('reports a kustomization that misses a file or lists a missing one', () => {
    expect(
      kustomizationProblems({
        documents: [],
        kustomization: { resources: ['gone.yaml', 'a.yaml'] },
        manifestFiles: ['a.yaml', 'b.yaml', 'c.example.yaml'],
        problems: [],
      }),
    ).toEqual([
      'kustomization.yaml: resources entry gone.yaml does not exist',
      'kustomization.yaml: b.yaml is not listed in resources, so kubectl apply -k never applies it',
    ]);
  });
});
