import type { StudyMessages } from './en';

/** 試験ファイル、ワークリスト、読影者名簿の日本語テキスト（docs/campaign.md）。 */
export const studyJa: StudyMessages = {
  open: '試験ファイルを開く…',
  loaded: '試験 {{id}}（{{source}}）',
  close: '試験を閉じる',
  loading: '試験を読み込み中…',
  refused: '試験ファイル {{source}} を読み込みませんでした（問題 {{count}} 件）:',
  wholeFile: '（ファイル全体）',
  worklist: {
    heading: 'ワークリスト: {{name}}（{{id}}）',
    progress: '{{total}} 件中 {{signed}} 件署名済み',
    next: '次の症例を開く',
    nextKey: '{{key}} キーで未署名の次の症例を開きます。',
    allSigned: '担当症例はすべて署名済みです。',
    position: '順',
    patient: '患者',
    state: '状態',
    open: '開く',
    notInStudy: '{{id}} は試験 {{study}} の読影者ではありません（ワークリストなし）。',
    noCases: '試験に {{id}} の担当症例はありません。',
  },
  adjudication: {
    heading: '裁定: {{name}}（{{id}}）',
    summary:
      '{{total}} 症例中 {{discordant}} 件が不一致、{{waiting}} 件は 2 つの署名済み読影待ち（このブラウザの読影）。',
    discordances: '不一致 {{count}} 件',
    none: '裁定する症例はまだありません。',
    hint: '中央判定で裁定してください。',
  },
  signer: {
    registered: '{{name}} が署名（登録済みの鍵）',
    registeredWebAuthn: '{{name}} が署名（登録済みの鍵、WebAuthn、本人確認済み）',
    'not-signed': '読影は署名されていません',
    'no-key': '鍵なしで署名されているため、署名者を試験の名簿と照合できません',
    'not-verified': '鍵の署名を検証できませんでした',
    'unknown-key':
      '未登録の鍵: 試験のどの読影者もこの鍵を登録していません（署名者 {{signerId}}、{{signerName}}）',
    'roster-mismatch':
      '名簿の不一致: この鍵は {{readerId}}（{{name}}）に登録されていますが、署名者は {{signerId}}（{{signerName}}）です',
  },
  sign: {
    loading: '読影をまだ読み込み中です',
    gaps: '署名前に {{count}} 件が未入力です。理由を添えて署名してください',
    failed: '署名に失敗しました: {{message}}',
  },
};
