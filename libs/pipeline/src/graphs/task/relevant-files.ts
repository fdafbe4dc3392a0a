import { RepositoryIntelligence } from '@patchbay/repo-intel';

const RELEVANT_FILES = 10;

export interface RelevantFiles {
  /** Lines for the planner's prompt: path, evidence and the most relevant symbols. */
  text: string;
  /** One line for the task's event log. */
  note: string;
  /** The ranked files' paths, most relevant first. */
  paths: string[];
}

/**
 * The files of the base commit that repository intelligence ranks highest for the task, read
 * from the bare repository (never a working tree) and cached by commit, so later tasks on the
 * same commit pay nothing. Planning still works without it: a failure is reported, not thrown.
 */
export async function relevantFiles(
  barePath: string,
  commit: string,
  prompt: string,
  cacheDirectory?: string | null,
): Promise<RelevantFiles> {
  try {
    const intel = await RepositoryIntelligence.open({ repo: barePath, rev: commit, cacheDirectory });
    const { files } = intel.localize(prompt, RELEVANT_FILES);
    const text = files
      .map((file) => {
        const symbols = file.symbols.map((s) => `${s.name} (${s.startLine}-${s.endLine})`).join(', ');
        return `${file.path} — ${file.reasons.slice(0, 2).join('; ')}${symbols ? `; see ${symbols}` : ''}`;
      })
      .join('\n');
    const report = intel.report!;
    return {
      text,
      paths: files.map((file) => file.path),
      note: `Repository intelligence (${report.mode} index, ${Math.round(report.durationMs)} ms): ${
        files.length > 0
          ? files
              .slice(0, 3)
              .map((f) => f.path)
              .join(', ')
          : 'no file matches the task'
      }`,
    };
  } catch (error) {
    return { text: '', paths: [], note: `Repository intelligence unavailable: ${(error as Error).message}` };
  }
}
