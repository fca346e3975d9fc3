/**
 * The coded content of a DREAM SR back into lesions (the inverse of groups.ts): segments, baseline
 * places and sizes, every call, measurement, site point and comment per timepoint and modality
 * group, recurrence, and the derived status rows the SR states.
 */
import {
  COUINAUD_SEGMENTS,
  type Call,
  isTimepointId,
  type CouinaudSegment,
  type ImagePoint,
  type ImportProblem,
  type LesionId,
  type ModalityGroup,
  type StatusRow,
  type TimepointId,
} from '../../domain/index.ts';
import {
  callOfCode,
  CONCEPTS,
  MODALITY_CODES,
  STATUS_CODES,
  VALUES,
  keyOfCode,
  sameCode,
  segmentCodes,
} from './codes.ts';
import type { Item } from './content.ts';
import {
  children,
  concept,
  measured,
  named,
  number,
  sequence,
  text,
  fullText,
  valueCode,
} from './dataset.ts';
import { adcToUm2PerS, refine, refineText, toFloat32, type ExactNumbers } from './exact.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Assessment = {
  modalities: Partial<Record<ModalityGroup, Cell>>;
  recurrence?: 'yes' | 'no';
};
type Cell = Mutable<{
  call?: Call;
  diameterMm?: number;
  adcMean?: number;
  adcSd?: number;
  adcPixels?: number;
  sitePoint?: ImagePoint;
  comment?: string;
}>;

/** What the coded content says about one lesion. */
export interface CodedLesion {
  segment?: CouinaudSegment;
  baselineLocation?: ImagePoint;
  baselineDiameterMm?: number;
  assessments: Partial<Record<TimepointId, Assessment>>;
}

/** The decoded coded content. */
export interface CodedContent {
  readonly lesions: Map<LesionId, CodedLesion>;
  readonly statuses: Map<LesionId, StatusRow>;
  readonly problems: ImportProblem[];
}

/** Where referenced instances live, from the evidence sequence. */
function evidenceIndex(dataset: Item): Map<string, { study: string; series: string }> {
  const index = new Map<string, { study: string; series: string }>();
  for (const study of sequence(dataset, 'CurrentRequestedProcedureEvidenceSequence')) {
    for (const series of sequence(study, 'ReferencedSeriesSequence')) {
      for (const sop of sequence(series, 'ReferencedSOPSequence')) {
        index.set(text(sop, 'ReferencedSOPInstanceUID') ?? '', {
          study: text(study, 'StudyInstanceUID') ?? '',
          series: text(series, 'SeriesInstanceUID') ?? '',
        });
      }
    }
  }
  return index;
}

function segmentOf(site: Item): CouinaudSegment | undefined {
  const modifier = named(children(site), CONCEPTS.topographicalModifier)[0];
  const local = modifier && valueCode(modifier);
  return COUINAUD_SEGMENTS.find((segment) => {
    const codes = segmentCodes(segment);
    if (!sameCode(valueCode(site), codes.site)) return false;
    return codes.modifier === undefined
      ? local === undefined
      : local !== undefined && sameCode(local, codes.modifier);
  });
}

const modalityOf = (item: Item): ModalityGroup | undefined => {
  const mod = named(children(item), CONCEPTS.modalityGroup)[0];
  return mod === undefined ? undefined : keyOfCode(MODALITY_CODES, valueCode(mod));
};

const derivationOf = (item: Item) => {
  const mod = named(children(item), CONCEPTS.derivation)[0];
  return mod === undefined ? undefined : valueCode(mod);
};

const isNo = (item: Item) => sameCode(valueCode(item), VALUES.no);
const isYes = (item: Item) => sameCode(valueCode(item), VALUES.yes);

/** Decodes the measurement groups of the Imaging Measurements container. */
export function decodeCodedContent(dataset: Item, exact: ExactNumbers): CodedContent {
  const lesions = new Map<LesionId, CodedLesion>();
  const statuses = new Map<LesionId, StatusRow>();
  const problems: ImportProblem[] = [];
  const evidence = evidenceIndex(dataset);
  const measurements = named(children(dataset), CONCEPTS.imagingMeasurements)[0];
  const groups = measurements === undefined ? [] : children(measurements);

  groups.forEach((group, index) => {
    const items = children(group);
    const where = `SR measurement group ${index + 1}`;
    const id = text(named(items, CONCEPTS.trackingIdentifier)[0], 'TextValue') ?? '';
    const tp = text(named(items, CONCEPTS.timePoint)[0], 'TextValue') ?? '';
    if (!/^L[1-9][0-9]*$/.test(id) || !isTimepointId(tp)) {
      problems.push({ path: where, message: `no lesion id or time point ("${id}", "${tp}")` });
      return;
    }
    const lesionId = id as LesionId;
    const lesion: CodedLesion = lesions.get(lesionId) ?? { assessments: {} };
    lesions.set(lesionId, lesion);
    const problem = (message: string) =>
      problems.push({ path: `${where} (${lesionId} ${tp})`, message });

    const place = (item: Item, key: string): ImagePoint | undefined => {
      const parts = children(item);
      const point = parts.find((p) => text(p, 'ValueType') === 'SCOORD3D');
      const image = parts.find((p) => text(p, 'ValueType') === 'IMAGE');
      const sop = image && sequence(image, 'ReferencedSOPSequence')[0];
      const data = point?.GraphicData;
      const xyz = Array.isArray(data) ? data.filter((v): v is number => typeof v === 'number') : [];
      const sopUid = text(sop, 'ReferencedSOPInstanceUID') ?? '';
      const where = evidence.get(sopUid);
      if (xyz.length !== 3 || where === undefined) {
        problem('a marked place needs a 3D point and an image listed in the evidence');
        return undefined;
      }
      const [x, y, z] = (['x', 'y', 'z'] as const).map((axis, i) =>
        refine(xyz[i] ?? NaN, exact[`${key}/${axis}`], toFloat32, (v) => v),
      ) as [number, number, number];
      return {
        point: { x, y, z } as ImagePoint['point'],
        studyInstanceUid: where.study,
        seriesInstanceUid: where.series,
        sopInstanceUid: sopUid,
        frameNumber: number(sop, 'ReferencedFrameNumber') ?? 1,
        frameOfReferenceUid: text(point, 'ReferencedFrameOfReferenceUID') ?? '',
      };
    };

    const site = named(items, CONCEPTS.findingSite)[0];
    if (site !== undefined) {
      const segment = segmentOf(site);
      if (segment === undefined) problem('finding site is not a Couinaud segment');
      else lesion.segment = segment;
    }
    const assessment = (): Assessment => {
      const existing = lesion.assessments[tp];
      if (existing !== undefined) return existing;
      const created: Assessment = { modalities: {} };
      lesion.assessments[tp] = created;
      return created;
    };
    const recorded = named(items, CONCEPTS.timepointRecorded)[0];
    if (recorded === undefined || !isNo(recorded)) assessment();
    const cell = (modality: ModalityGroup): Cell => {
      const modalities = assessment().modalities;
      const existing = modalities[modality];
      if (existing !== undefined) return existing;
      const created: Cell = {};
      modalities[modality] = created;
      return created;
    };

    for (const item of items) {
      const name = concept(item);
      const modality = modalityOf(item);
      const key = `${lesionId}/${tp}/${modality ?? ''}`;
      if (sameCode(name, CONCEPTS.place)) {
        const whose = valueCode(item);
        if (sameCode(whose, VALUES.baseline)) {
          lesion.baselineLocation = place(item, `${lesionId}/baselineLocation`);
        } else {
          const group = keyOfCode(MODALITY_CODES, whose);
          if (group === undefined) problem('a marked place of an unknown modality group');
          else cell(group).sitePoint = place(item, `${lesionId}/${tp}/${group}/sitePoint`);
        }
      } else if (sameCode(name, CONCEPTS.longAxis)) {
        const value = measured(item);
        if (modality === undefined) lesion.baselineDiameterMm = value;
        else cell(modality).diameterMm = value;
      } else if (modality !== undefined && sameCode(name, CONCEPTS.adc)) {
        const coded = measured(item) ?? NaN;
        const mean = sameCode(derivationOf(item), VALUES.mean);
        const field = mean ? 'adcMean' : 'adcSd';
        cell(modality)[field] = refine(coded, exact[`${key}/${field}`], adcToUm2PerS, (v) =>
          Number((v / 1000).toPrecision(15)),
        );
      } else if (modality !== undefined && sameCode(name, CONCEPTS.pixelCount)) {
        cell(modality).adcPixels = measured(item);
      } else if (modality !== undefined && sameCode(name, CONCEPTS.call)) {
        const call = callOfCode(tp, valueCode(item));
        if (call === undefined) problem(`unknown call on ${modality}`);
        else cell(modality).call = call;
      } else if (modality !== undefined && sameCode(name, CONCEPTS.comment)) {
        const comment = fullText(item, 'TextValue') ?? '';
        cell(modality).comment = refineText(comment, exact[`${key}/comment`]);
      } else if (sameCode(name, CONCEPTS.recurrence)) {
        assessment().recurrence = isYes(item) ? 'yes' : 'no';
      } else if (sameCode(name, CONCEPTS.status)) {
        const status = keyOfCode(STATUS_CODES, valueCode(item));
        const reason = text(named(items, CONCEPTS.statusReason)[0], 'TextValue') ?? '';
        const ctDlm = named(items, CONCEPTS.ctDlm)[0];
        if (status === undefined || ctDlm === undefined) problem('incomplete derived status');
        else statuses.set(lesionId, { lesionId, status, reason, ctDlm: isYes(ctDlm) });
      }
    }
  });
  return { lesions, statuses, problems };
}
