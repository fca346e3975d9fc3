import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MODALITY_LABELS,
  groupDiscordances,
  type CallDiscordance,
  type DecisionConflict,
  type Discordance,
  type Read,
  type ReadComparison,
} from '../../domain';
import { draftConflict, type DraftDecision, type DraftDecisions } from '../../store/review';
import { DiscordanceItem } from './DiscordanceItem';

interface Props {
  comparison: ReadComparison;
  read1: Read;
  read2: Read;
  drafts: DraftDecisions;
  disabled: boolean;
  shownId: string | undefined;
  onShow: (discordance: Discordance) => void;
  onChange: (discordanceId: string, change: Partial<DraftDecision>) => void;
}

/**
 * The discordances grouped as the adjudicator reads them (src/domain/review/grouping.ts): the
 * call discordances that make a status discordance, with the status nested under them. A change
 * that would contradict another decision (src/domain/review/conflicts.ts) is refused at once:
 * the control keeps its value and the reason is shown in that discordance.
 */
export function DiscordanceList(props: Props) {
  const { comparison, read1, read2, drafts, disabled, shownId, onShow, onChange } = props;
  const { t } = useTranslation();
  const [refusals, setRefusals] = useState<Readonly<Record<string, DecisionConflict>>>({});
  const change = (id: string, patch: Partial<DraftDecision>) => {
    const conflict = draftConflict(comparison, drafts, id, patch);
    setRefusals((now) => {
      const { [id]: dropped, ...rest } = now;
      void dropped;
      return conflict ? { ...rest, [id]: conflict } : rest;
    });
    if (!conflict) onChange(id, patch);
  };
  const item = (discordance: Discordance, causedBy?: readonly CallDiscordance[]) => (
    <DiscordanceItem
      key={discordance.id}
      discordance={discordance}
      comparison={comparison}
      read1={read1}
      read2={read2}
      draft={drafts[discordance.id]}
      disabled={disabled}
      shown={shownId === discordance.id}
      causedBy={causedBy?.map((d) => MODALITY_LABELS[d.modality]).join(', ')}
      refusal={refusals[discordance.id] && refusalText(t, refusals[discordance.id])}
      onShow={() => onShow(discordance)}
      onChange={(patch) => change(discordance.id, patch)}
    />
  );
  return (
    <ol className="review-disc-list">
      {groupDiscordances(comparison).map((group) => {
        if (group.kind === 'presence') return item(group.discordance);
        if (!group.status) return group.calls.map((d) => item(d));
        return [
          <li
            key={group.key}
            className="review-disc-group"
            data-testid="discordance-group"
            data-pair={group.key}
          >
            <ol className="review-disc-list">
              {group.causes.map((d) => item(d))}
              <li className="review-disc-consequence">
                <ol className="review-disc-list">{item(group.status, group.causes)}</ol>
              </li>
            </ol>
          </li>,
          ...group.calls.map((d) => item(d)),
        ];
      })}
    </ol>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function refusalText(t: T, conflict: DecisionConflict | undefined): string | undefined {
  if (!conflict) return undefined;
  return t('review.disc.refused', {
    others: conflict.conflictsWith.join(', '),
    stated: t(`read.statusName.${conflict.stated}`),
    possible: conflict.possible.map((s) => t(`read.statusName.${s}`)).join(t('review.disc.or')),
  });
}
