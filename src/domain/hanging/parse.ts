/** Checks a hanging protocol read from JSON (pure): every problem named by its path. */
import {
  COUNT_ATTRIBUTES,
  SET_ATTRIBUTES,
  type CountAttribute,
  type HangingProtocol,
  type SetAttribute,
} from './types.ts';

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');
const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

function ruleProblems(rule: unknown, path: string): string[] {
  if (!isObject(rule)) return [`${path}: an object is needed`];
  const problems: string[] = [];
  const attribute = rule.attribute;
  if (SET_ATTRIBUTES.includes(attribute as SetAttribute)) {
    const c = rule.contains;
    if (!(typeof c === 'string' || (isStringList(c) && c.length > 0))) {
      problems.push(`${path}.contains: a value or a non-empty list of values is needed`);
    }
  } else if (COUNT_ATTRIBUTES.includes(attribute as CountAttribute)) {
    if (rule.atLeast === undefined && rule.atMost === undefined) {
      problems.push(`${path}: atLeast or atMost is needed`);
    }
    for (const bound of ['atLeast', 'atMost'] as const) {
      if (rule[bound] !== undefined && !isFiniteNumber(rule[bound])) {
        problems.push(`${path}.${bound}: a number is needed`);
      }
    }
  } else {
    const known = [...SET_ATTRIBUTES, ...COUNT_ATTRIBUTES].join(', ');
    problems.push(`${path}.attribute: one of ${known} is needed`);
  }
  if (rule.weight !== undefined && !isFiniteNumber(rule.weight)) {
    problems.push(`${path}.weight: a number is needed`);
  }
  if (rule.required !== undefined && typeof rule.required !== 'boolean') {
    problems.push(`${path}.required: true or false is needed`);
  }
  return problems;
}

/** Problems with a protocol read from JSON (empty when it is usable). */
export function protocolProblems(value: unknown): string[] {
  if (!isObject(value)) return ['$: an object is needed'];
  const problems: string[] = [];
  if (typeof value.id !== 'string' || value.id === '')
    problems.push('$.id: a non-empty string is needed');
  if (typeof value.name !== 'string') problems.push('$.name: a string is needed');
  if (value.rows !== 'timepoints' && !(isStringList(value.rows) && value.rows.length > 0)) {
    problems.push('$.rows: "timepoints" or a non-empty list of timepoint ids is needed');
  }
  if (!Array.isArray(value.columns) || value.columns.length === 0) {
    problems.push('$.columns: a non-empty list is needed');
  } else {
    value.columns.forEach((column: unknown, index) => {
      const c = isObject(column) ? column : {};
      if (typeof c.label !== 'string')
        problems.push(`$.columns[${index}].label: a string is needed`);
      if (!isStringList(c.roles) || c.roles.length === 0) {
        problems.push(`$.columns[${index}].roles: a non-empty list of role patterns is needed`);
      }
    });
  }
  if (value.emptyCells !== undefined && typeof value.emptyCells !== 'boolean') {
    problems.push('$.emptyCells: true or false is needed');
  }
  if (!Array.isArray(value.match)) problems.push('$.match: a list of rules is needed');
  else
    value.match.forEach((rule: unknown, i) =>
      problems.push(...ruleProblems(rule, `$.match[${i}]`)),
    );
  return problems;
}

/** The protocol, or an error listing every problem. */
export function parseProtocol(value: unknown): HangingProtocol {
  const problems = protocolProblems(value);
  if (problems.length > 0) throw new Error(`Invalid hanging protocol: ${problems.join('; ')}`);
  return value as HangingProtocol;
}
