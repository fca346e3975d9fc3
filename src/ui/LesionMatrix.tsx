import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COUINAUD_SEGMENTS,
  MODALITY_GROUPS,
  asksWhereSeen,
  callTerm,
  deriveLesionStatusInRead,
  effectiveCallsAt,
  groupsWithoutSeries,
  reasonClauses,
  type Call,
  type CouinaudSegment,
  type Lesion,
  type LesionId,
  type LesionStatus,
  type ModalityGroup,
  type Read,
  type TimepointId,
} from '../domain';
import { commandOf, type CommandId } from '../store/shortcuts';
import { timepointText } from './roleText';
import { modalityText, reasonText } from './statusText';
import { useBindings } from './useShortcuts';

/** A cell of the call matrix: row = live lesion index, column = modality index. */
export interface CellPos {
  row: number;
  col: number;
}

interface Props {
  read: Read;
  lesions: readonly Lesion[];
  timepoint: TimepointId;
  active: CellPos;
  onActive: (cell: CellPos) => void;
  onCall: (lesionId: LesionId, modality: ModalityGroup, call: Call | undefined) => void;
  onSegment: (lesionId: LesionId, segment: CouinaudSegment | undefined) => void;
  onRemove: (lesionId: LesionId) => void;
  /** Moves the viewports to the lesion (its baseline location). */
  onShow: (lesion: Lesion) => void;
  /** A signed read: calls, segments and removal are shown but cannot be changed. */
  readOnly: boolean;
}

/** The matrix commands that set a call. */
const CALL_COMMANDS: Partial<Record<CommandId, Call>> = {
  callPresent: 'present',
  callDisappeared: 'disappeared',
  callNotEvaluable: 'not-evaluable',
};
/** The matrix commands that set the segment; segment4 gives IVa, then IVb when pressed again. */
const SEGMENT_COMMANDS: Partial<Record<CommandId, CouinaudSegment>> = {
  segment1: 'I',
  segment2: 'II',
  segment3: 'III',
  segment4: 'IVa',
  segment5: 'V',
  segment6: 'VI',
  segment7: 'VII',
  segment8: 'VIII',
};
/**
 * One button per call, a letter each so the four modalities, lesion and segment fit the dock's
 * default width; the pressed one, clicked again, unsets the call (as Backspace does).
 */
const CALL_CHOICES: readonly Call[] = ['present', 'disappeared', 'not-evaluable'];
const CALL_GLYPHS: Readonly<Record<Call, string>> = {
  present: 'P',
  disappeared: 'D',
  'not-evaluable': 'N',
};
/** At baseline the same stored calls answer "where is it seen?" (src/domain/baselineCalls.ts). */
const BASELINE_GLYPHS: Readonly<Record<Call, string>> = {
  present: '✓',
  disappeared: '✗',
  'not-evaluable': 'N',
};

type T = ReturnType<typeof useTranslation>['t'];

/** A call (or unset) in words at its timepoint: seen / not seen at baseline. */
export function callText(t: T, timepoint: TimepointId, call: Call | undefined): string {
  return t(`read.call.${call === undefined ? 'unset' : callTerm(timepoint, call)}`);
}
/** Icons beside the status words (never colour alone). */
export const STATUS_ICONS: Readonly<Record<LesionStatus, string>> = {
  cDLM: '○',
  'partial DLM': '◐',
  visible: '●',
  incomplete: '?',
};

/**
 * The call matrix (lesions x modalities at one timepoint) with segment, derived status and
 * removal per lesion. Only the active cell is in the tab order (roving tabindex); the keys
 * are described in `read.matrixHelp`.
 */
export function LesionMatrix(props: Props) {
  const { read, lesions, timepoint, active, onActive, onCall, readOnly } = props;
  const baseline = asksWhereSeen(timepoint);
  const glyphs = baseline ? BASELINE_GLYPHS : CALL_GLYPHS;
  const { t } = useTranslation();
  const table = useRef<HTMLTableElement>(null);
  const bindings = useBindings();
  // Groups with no series at this timepoint: their cells say so (the calls stay the reader's).
  const noSeries = groupsWithoutSeries(read, timepoint);

  const focusCell = (cell: CellPos) => {
    onActive(cell);
    const element = table.current?.querySelector<HTMLElement>(
      `[data-cell="${cell.row}:${cell.col}"]`,
    );
    element?.focus();
    // A narrow dock scrolls the matrix sideways: the focused cell comes into view.
    element?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  };
  const lastCol = MODALITY_GROUPS.length - 1;
  /** After a call, the next cell: along the row, then the next lesion's first modality. */
  const next = ({ row, col }: CellPos): CellPos => {
    if (col < lastCol) return { row, col: col + 1 };
    return row + 1 < lesions.length ? { row: row + 1, col: 0 } : { row, col };
  };

  const onKeyDown = (
    event: KeyboardEvent,
    cell: CellPos,
    lesion: Lesion,
    modality: ModalityGroup,
  ) => {
    const plain = !(event.ctrlKey || event.metaKey || event.altKey);
    const key = event.key.toLowerCase();
    // A grid's own keys (fixed): arrows, Home/End in the row, Ctrl+Home/End to the corners.
    const moves: Record<string, CellPos> = plain
      ? {
          arrowleft: { row: cell.row, col: Math.max(0, cell.col - 1) },
          arrowright: { row: cell.row, col: Math.min(lastCol, cell.col + 1) },
          arrowup: { row: Math.max(0, cell.row - 1), col: cell.col },
          arrowdown: { row: Math.min(lesions.length - 1, cell.row + 1), col: cell.col },
          home: { row: cell.row, col: 0 },
          end: { row: cell.row, col: lastCol },
        }
      : event.ctrlKey
        ? { home: { row: 0, col: 0 }, end: { row: lesions.length - 1, col: lastCol } }
        : {};
    const move = moves[key];
    const command = commandOf(bindings, event, ['matrix']);
    const call = command && CALL_COMMANDS[command];
    const segment = command && SEGMENT_COMMANDS[command];
    if (move) {
      focusCell(move);
    } else if (readOnly && (call || segment || command === 'clearCall')) {
      // A signed read: the lock note and Amend say why nothing changes.
    } else if (call) {
      onCall(lesion.id, modality, call);
      focusCell(next(cell));
    } else if (segment) {
      const again = segment === 'IVa' && lesion.segment === 'IVa';
      props.onSegment(lesion.id, again ? 'IVb' : segment);
    } else if (command === 'clearCall') {
      onCall(lesion.id, modality, undefined);
    } else {
      return;
    }
    event.preventDefault();
  };

  return (
    <table
      ref={table}
      className="lesion-matrix"
      role="grid"
      aria-label={t(baseline ? 'read.matrixLabelBaseline' : 'read.matrixLabel', {
        timepoint: timepointText(t, timepoint),
      })}
      aria-readonly={readOnly}
      data-testid="call-matrix"
      data-question={baseline ? 'seen' : 'present'}
    >
      <thead>
        <tr>
          <th scope="col">{t('read.lesion')}</th>
          <ShortHeader short={t('read.short.segment')} full={t('read.segment')} />
          {baseline && (
            <ShortHeader short={t('read.short.baselineSize')} full={t('read.baselineSize')} />
          )}
          {MODALITY_GROUPS.map((modality) => (
            <ShortHeader
              key={modality}
              short={t(baseline ? 'read.short.seenOn' : 'read.short.modality', {
                modality: t(`read.short.${modality}`),
              })}
              full={
                baseline
                  ? t('read.seenOn', { modality: modalityText(t, modality) })
                  : modalityText(t, modality)
              }
            />
          ))}
        </tr>
      </thead>
      <tbody>
        {lesions.map((lesion, row) => [
          <tr key={lesion.id} data-testid="lesion-row" data-lesion-id={lesion.id}>
            <th scope="row">
              <button
                type="button"
                className="lesion-id"
                data-testid="show-lesion"
                disabled={!lesion.baselineLocation}
                title={t('read.showLesion', { id: lesion.id })}
                onClick={() => {
                  onActive({ row, col: active.row === row ? active.col : 0 });
                  props.onShow(lesion);
                }}
              >
                {lesion.id}
              </button>
            </th>
            <td>
              <select
                aria-label={t('read.segmentOf', { id: lesion.id })}
                data-testid="segment-select"
                disabled={readOnly}
                value={lesion.segment ?? ''}
                onChange={(event) =>
                  props.onSegment(
                    lesion.id,
                    event.target.value === '' ? undefined : (event.target.value as CouinaudSegment),
                  )
                }
              >
                <option value="">{t('read.notSet')}</option>
                {COUINAUD_SEGMENTS.map((segment) => (
                  <option key={segment} value={segment}>
                    {segment}
                  </option>
                ))}
              </select>
            </td>
            {baseline && (
              <td data-testid="baseline-size">
                {lesion.baselineDiameterMm === undefined
                  ? t('read.notSet')
                  : t('read.sizeMm', { mm: lesion.baselineDiameterMm.toFixed(1) })}
              </td>
            )}
            {MODALITY_GROUPS.map((modality, col) => {
              const current = lesion.assessments[timepoint]?.modalities[modality]?.call;
              const isActive = active.row === row && active.col === col;
              const missing = noSeries.includes(modality);
              const missingText = t('read.noSeriesTitle', {
                modality: modalityText(t, modality),
                timepoint: timepointText(t, timepoint),
              });
              const label = `${t('read.cellLabel', {
                id: lesion.id,
                modality: modalityText(t, modality),
                call: callText(t, timepoint, current),
              })}${missing ? ` (${missingText})` : ''}`;
              return (
                <td key={modality} role="gridcell" className={isActive ? 'active-cell' : undefined}>
                  <div
                    role="group"
                    aria-label={label}
                    className="call-cell"
                    tabIndex={isActive ? 0 : -1}
                    data-cell={`${row}:${col}`}
                    data-testid="call-cell"
                    data-lesion-id={lesion.id}
                    data-modality={modality}
                    data-call={current ?? 'unset'}
                    data-no-series={missing || undefined}
                    title={missing ? missingText : undefined}
                    onFocus={() => !isActive && onActive({ row, col })}
                    onKeyDown={(event) => onKeyDown(event, { row, col }, lesion, modality)}
                  >
                    {CALL_CHOICES.map((choice) => {
                      const pressed = current === choice;
                      const words = callText(t, timepoint, choice);
                      return (
                        <button
                          key={choice}
                          type="button"
                          tabIndex={-1}
                          aria-pressed={pressed}
                          disabled={readOnly}
                          title={pressed ? t('read.pressedCallTitle', { call: words }) : words}
                          data-choice={choice}
                          className={`call call-${choice}`}
                          onClick={() => {
                            // As its key: a call moves on to the next cell; the pressed call
                            // clicked again is unset, and the focus stays (as Backspace).
                            if (pressed) {
                              onCall(lesion.id, modality, undefined);
                              focusCell({ row, col });
                            } else {
                              onCall(lesion.id, modality, choice);
                              focusCell(next({ row, col }));
                            }
                          }}
                        >
                          <span aria-hidden="true">{glyphs[choice]}</span>
                          <span className="visually-hidden">{words}</span>
                        </button>
                      );
                    })}
                  </div>
                  {missing && (
                    <span className="no-series" aria-hidden="true" data-testid="no-series">
                      {t('read.noSeries', { timepoint: timepointText(t, timepoint) })}
                    </span>
                  )}
                </td>
              );
            })}
          </tr>,
          // The derived status under the lesion's calls, across the row, so it is never cut
          // off by a narrow dock; with the lesion's removal at its end.
          <tr key={`${lesion.id}-status`} className="status-row" data-lesion-id={lesion.id}>
            <td aria-hidden="true" />
            <td colSpan={MODALITY_GROUPS.length + (baseline ? 2 : 1)}>
              <div className="status-line">
                <StatusCell lesion={lesion} read={read} />
                <button
                  type="button"
                  className="remove-lesion"
                  data-testid="remove-lesion"
                  disabled={readOnly}
                  onClick={() => props.onRemove(lesion.id)}
                  aria-label={`${t('read.remove')} ${lesion.id}`}
                >
                  {t('read.remove')}
                </button>
              </div>
            </td>
          </tr>,
        ])}
      </tbody>
    </table>
  );
}

/** A column head kept narrow: the short words shown, the full ones as tooltip and to readers. */
function ShortHeader({ short, full }: { short: string; full: string }) {
  return (
    <th scope="col" title={full}>
      <span aria-hidden="true">{short}</span>
      <span className="visually-hidden">{full}</span>
    </th>
  );
}

function StatusCell({ lesion, read }: { lesion: Lesion; read: Read }) {
  const { t } = useTranslation();
  const derived = deriveLesionStatusInRead(read, lesion);
  const full = t('read.status', { timepoint: timepointText(t, read.config.statusTimepoint) });
  return (
    <div
      className={`lesion-status status-${derived.status.replace(' ', '-')}`}
      data-testid="lesion-status"
      data-status={derived.status}
      data-ct-dlm={String(derived.ctDlm)}
    >
      <span className="status-label" title={full}>
        <span aria-hidden="true">{t('read.short.status')}</span>
        <span className="visually-hidden">
          {lesion.id}, {full}
        </span>
      </span>
      <span className="status-name">
        <span aria-hidden="true">{STATUS_ICONS[derived.status]} </span>
        {t(`read.statusName.${derived.status}`)}
      </span>
      {derived.ctDlm && (
        <span className="ct-dlm" title={t('read.ctDlmTitle')}>
          {t('read.ctDlm')}
        </span>
      )}
      <span className="status-reason">
        {reasonText(
          t,
          reasonClauses(effectiveCallsAt(read, lesion, read.config.statusTimepoint), read.config),
        )}
      </span>
    </div>
  );
}
