/**
 * The app's hanging protocols, as data (src/viewer/protocols/*.json), checked when loaded. Their
 * order breaks ties between equal scores (docs/hanging-protocols.md).
 */
import { parseProtocol, type HangingProtocol } from '../../domain/hanging';
import ct from './ct.json';
import dlmT1T2 from './dlm-t1t2.json';
import dlm from './dlm.json';
import mr from './mr.json';
import series from './series.json';

export const PROTOCOLS: readonly HangingProtocol[] = Object.freeze(
  [dlm, dlmT1T2, mr, ct, series].map((p: unknown) => parseProtocol(p)),
);

/** The DLM protocol: timepoint rows x CT portal, DWI highest b, ADC, EOB HBP. */
export const DLM_PROTOCOL: HangingProtocol = parseProtocol(dlm);
