import type { ParsedLanguage } from '../../files/language';
import { ecmascriptSupport } from './ecmascript.support';
import { goSupport } from './go.support';
import { javaSupport } from './java.support';
import type { LanguageSupport } from './language-support';
import { pythonSupport } from './python.support';

export const LANGUAGE_SUPPORT: Record<ParsedLanguage, LanguageSupport> = {
  typescript: ecmascriptSupport('typescript'),
  tsx: ecmascriptSupport('tsx'),
  javascript: ecmascriptSupport('javascript'),
  python: pythonSupport,
  go: goSupport,
  java: javaSupport,
};
