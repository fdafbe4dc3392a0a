import { type HunkData, type HunkTokens, markEdits, tokenize } from 'react-diff-view';
import * as refractor from 'refractor/core';
import bash from 'refractor/lang/bash';
import c from 'refractor/lang/c';
import cpp from 'refractor/lang/cpp';
import csharp from 'refractor/lang/csharp';
import docker from 'refractor/lang/docker';
import go from 'refractor/lang/go';
import ini from 'refractor/lang/ini';
import java from 'refractor/lang/java';
import json from 'refractor/lang/json';
import jsx from 'refractor/lang/jsx';
import kotlin from 'refractor/lang/kotlin';
import makefile from 'refractor/lang/makefile';
import markdown from 'refractor/lang/markdown';
import php from 'refractor/lang/php';
import python from 'refractor/lang/python';
import ruby from 'refractor/lang/ruby';
import rust from 'refractor/lang/rust';
import sql from 'refractor/lang/sql';
import swift from 'refractor/lang/swift';
import toml from 'refractor/lang/toml';
import tsx from 'refractor/lang/tsx';
import typescript from 'refractor/lang/typescript';
import yaml from 'refractor/lang/yaml';

// refractor/core bundles markup, css, clike and javascript; the rest are registered here so the
// bundle carries only the languages languageOf() can name.
for (const language of [
  bash,
  c,
  cpp,
  csharp,
  docker,
  go,
  ini,
  java,
  json,
  jsx,
  kotlin,
  makefile,
  markdown,
  php,
  python,
  ruby,
  rust,
  sql,
  swift,
  toml,
  tsx,
  typescript,
  yaml,
]) {
  refractor.register(language);
}

/**
 * Syntax tokens for a file's hunks, with changed words marked; without a known language only the
 * edits are marked. Highlighting is cosmetic, so a grammar that throws leaves the diff plain.
 */
export function highlightHunks(hunks: HunkData[], language: string | null): HunkTokens | null {
  if (hunks.length === 0) return null;
  const enhancers = [markEdits(hunks, { type: 'block' })];
  try {
    if (language && refractor.registered(language)) {
      return tokenize(hunks, { highlight: true, refractor, language, enhancers });
    }
    return tokenize(hunks, { enhancers });
  } catch {
    return null;
  }
}
