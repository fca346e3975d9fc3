/**
 * What counts as English left on a Japanese screen (test/e2e/japanese.test.ts): a visible string
 * equal to an English message of the bundle (src/i18n/en.ts, templates with their {{values}}
 * matched as wildcards), or English prose the bundle does not hold (two Latin words, one of them
 * lower case: hard-coded text). Proper names and codes are allowed only when listed, with why.
 */
import { en } from '../../src/i18n/en';

/** Strings that read the same in both languages, each with the reason. */
export const ALLOWED: ReadonlyMap<string, string> = new Map([
  ['DREAM Reader', "the product's name"],
  ['DICOMweb', 'a standard’s name'],
  ['JSON', 'a file format'],
  ['CSV', 'a file format'],
  ['CT', 'modality code (DICOM)'],
  ['MR', 'modality code (DICOM)'],
  ['DWI', 'sequence name used as is in Japanese radiology'],
  ['ADC', 'sequence name used as is in Japanese radiology'],
  ['EOB', 'contrast agent (Gd-EOB-DTPA) code'],
  ['T1', 'sequence name'],
  ['T2', 'sequence name'],
  ['T1/T2', 'sequence names'],
  ['HBP', 'EOB phase code (hepatobiliary phase)'],
  ['cDLM', 'the trial’s status code'],
  ['DLM', 'the trial’s code'],
  ['CT-DLM', 'the trial’s status code'],
  ['W/L', 'window/level, a viewer code'],
  ['ID', 'code'],
  ['R01', 'the reader id the test types'],
  ['Dr Ito', 'the reader name the test types'],
]);

function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return [];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const hasWords = (s: string) => /[A-Za-z]{2,}/.test(s);
/** An English word (lower case, three letters or more): codes and names are upper case. */
const LOWER_WORD = /\b[a-z]{3,}\b/;

/** The English messages: plain strings, and templates as patterns. */
function englishBundle(): { plain: Set<string>; templates: RegExp[] } {
  const plain = new Set<string>();
  const templates: RegExp[] = [];
  for (const message of leaves(en)) {
    const text = message.trim();
    if (!hasWords(text)) continue;
    if (!text.includes('{{')) {
      plain.add(text);
      continue;
    }
    const parts = text.split(/\{\{[^}]*\}\}/);
    // A template of codes only ("CT {{phase}}", "{{mm}} mm") would match translated text too.
    if (!LOWER_WORD.test(parts.join(' '))) continue;
    templates.push(new RegExp(`^${parts.map(escape).join('.+?')}$`, 's'));
  }
  return { plain, templates };
}

const ENGLISH_PROSE = /\b[A-Za-z]{2,}[ -]+[A-Za-z]{2,}\b/;

/** Why a visible string is English left untranslated, or undefined when it is fine. */
export function untranslated(): (text: string) => string | undefined {
  const bundle = englishBundle();
  return (raw) => {
    const text = raw.replace(/\s+/g, ' ').trim();
    if (!hasWords(text) || ALLOWED.has(text)) return undefined;
    if (bundle.plain.has(text)) return 'an English message';
    if (bundle.templates.some((t) => t.test(text))) return 'an English template';
    if (ENGLISH_PROSE.test(text) && LOWER_WORD.test(text)) return 'English prose';
    return undefined;
  };
}
