import { resolve, sep } from 'node:path';
import {
  wrapUntrustedData,
  type PackageAdvisories,
  type PackageInfo,
  type RepositoryDocs,
  type ResearchResult,
  type ResearchTool,
} from '@patchbay/contracts';
import { createPathMatcher } from '@patchbay/repo-config';
import { indexRepository, searchDocumentation } from '@patchbay/repo-intel';
import { advisoriesFor, BULK_ADVISORY_PATH, bulkAdvisoryRequest } from './npm-advisories';
import { missingPackage, packageInfoFromPackument, packumentPath } from './npm-packument';
import { normalisePypiName, packageInfoFromPypi } from './pypi-project';
import { RegistryUnreachable, requestRegistryJson } from './registry-http';
import { describeAdvisories, describeDocs, describePackageInfo } from './research-text';
import { TtlCache } from './ttl-cache';

export interface ResearchOptions {
  npmRegistryUrl: string;
  pypiUrl: string;
  timeoutMs: number;
  cacheTtlMs: number;
  cacheEntries: number;
  /** When set, docs search refuses repositories outside this directory. */
  repositoriesRoot?: string;
  /** repo-intel's index cache; undefined for its default directory, null for none. */
  indexCacheDirectory?: string | null;
}

const DOC_HITS = 5;

/**
 * The research tools. Every answer is data from outside the platform, so its text is wrapped as
 * untrusted; an unreachable registry is an answer that says so, never a thrown error, so a tool
 * call degrades instead of failing the task. Answers from a reachable source are cached (TTL,
 * bounded); "unreachable" answers are not, so a registry that comes back is asked again.
 */
export class ResearchService {
  private readonly cache: TtlCache<ResearchResult>;

  constructor(private readonly options: ResearchOptions) {
    this.cache = new TtlCache(options.cacheTtlMs, options.cacheEntries);
  }

  async run(query: ResearchTool): Promise<ResearchResult> {
    const key = JSON.stringify(query);
    const cached = this.cache.get(key);
    if (cached) return { ...cached, cached: true };
    const result = await this.answer(query);
    if (reachable(result)) this.cache.set(key, result);
    return result;
  }

  private async answer(query: ResearchTool): Promise<ResearchResult> {
    switch (query.tool) {
      case 'package_info': {
        const info =
          query.ecosystem === 'pypi'
            ? await this.pypiInfo(query.name, query.version)
            : await this.npmInfo(query.name, query.version);
        const source = query.ecosystem === 'pypi' ? 'the PyPI registry' : 'the npm registry';
        return {
          tool: 'package_info',
          untrusted: true,
          source,
          cached: false,
          text: wrapUntrustedData(source, describePackageInfo(info)),
          data: { kind: 'package_info', info },
        };
      }
      case 'package_advisories': {
        const advisories = await this.advisories(query.name, query.version);
        const source = 'the npm registry advisory database';
        return {
          tool: 'package_advisories',
          untrusted: true,
          source,
          cached: false,
          text: wrapUntrustedData(source, describeAdvisories(advisories)),
          data: { kind: 'package_advisories', advisories },
        };
      }
      case 'search_repository_docs': {
        const docs = await this.docs(query.barePath, query.commit, query.query, query.exclude);
        const source = "the repository's documentation";
        return {
          tool: 'search_repository_docs',
          untrusted: true,
          source,
          cached: false,
          text: wrapUntrustedData(source, describeDocs(docs)),
          data: { kind: 'search_repository_docs', docs },
        };
      }
    }
  }

  private async npmInfo(name: string, version?: string): Promise<PackageInfo> {
    try {
      const response = await requestRegistryJson(`${base(this.options.npmRegistryUrl)}/${packumentPath(name)}`, {
        timeoutMs: this.options.timeoutMs,
      });
      if (response.status === 404)
        return missingPackage(name, 'npm', true, `the npm registry has no package named ${name}`);
      return packageInfoFromPackument(name, response.body, version);
    } catch (error) {
      if (error instanceof RegistryUnreachable) return missingPackage(name, 'npm', false, error.message);
      throw error;
    }
  }

  private async pypiInfo(name: string, version?: string): Promise<PackageInfo> {
    try {
      const response = await requestRegistryJson(
        `${base(this.options.pypiUrl)}/pypi/${encodeURIComponent(normalisePypiName(name))}/json`,
        { timeoutMs: this.options.timeoutMs },
      );
      if (response.status === 404) return missingPackage(name, 'pypi', true, `PyPI has no project named ${name}`);
      return packageInfoFromPypi(name, response.body, version);
    } catch (error) {
      if (error instanceof RegistryUnreachable) return missingPackage(name, 'pypi', false, error.message);
      throw error;
    }
  }

  private async advisories(name: string, version: string): Promise<PackageAdvisories> {
    try {
      const response = await requestRegistryJson(`${base(this.options.npmRegistryUrl)}${BULK_ADVISORY_PATH}`, {
        method: 'POST',
        body: bulkAdvisoryRequest({ [name]: [version] }),
        timeoutMs: this.options.timeoutMs,
      });
      if (response.status === 404)
        return {
          name,
          version,
          reachable: false,
          problem: `the registry at ${this.options.npmRegistryUrl} has no advisory endpoint (404)`,
          advisories: [],
        };
      return { name, version, reachable: true, problem: null, advisories: advisoriesFor(name, response.body) };
    } catch (error) {
      if (error instanceof RegistryUnreachable)
        return { name, version, reachable: false, problem: error.message, advisories: [] };
      throw error;
    }
  }

  private async docs(
    barePath: string,
    commit: string,
    query: string,
    exclude: readonly string[],
  ): Promise<RepositoryDocs> {
    const root = this.options.repositoriesRoot;
    if (root && !resolve(barePath).startsWith(resolve(root) + sep)) {
      return { query, commit, hits: [], problem: 'the repository is outside the platform data directory' };
    }
    try {
      const { index } = await indexRepository({
        repo: barePath,
        rev: commit,
        cacheDirectory: this.options.indexCacheDirectory,
      });
      return {
        query,
        commit: index.commit,
        hits: await searchDocumentation(barePath, index, query, DOC_HITS, createPathMatcher(exclude)),
        problem: null,
      };
    } catch (error) {
      return { query, commit, hits: [], problem: error instanceof Error ? error.message : String(error) };
    }
  }
}

function base(url: string): string {
  return url.replace(/\/+$/, '');
}

function reachable(result: ResearchResult): boolean {
  switch (result.data.kind) {
    case 'package_info':
      return result.data.info.reachable;
    case 'package_advisories':
      return result.data.advisories.reachable;
    case 'search_repository_docs':
      return result.data.docs.problem === null;
  }
}
