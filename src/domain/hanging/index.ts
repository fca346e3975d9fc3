/** Hanging protocols: matching with a score, and hanging the chosen one (pure). */
export * from './types.ts';
export { compareTimepoints, hangStudy, roleFamily, timepointsOf } from './hang.ts';
export { chooseProtocol, matchProtocols, scoreProtocol } from './match.ts';
export { parseProtocol, protocolProblems } from './parse.ts';
