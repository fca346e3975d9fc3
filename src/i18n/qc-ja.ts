import type { QcMessages } from './en';

/** Japanese text of the acquisition QC of exams. */
export const qcJa: QcMessages = {
  badge: '撮像QC',
  ok: 'QC 合格',
  problems_one: 'QC：指摘 {{count}} 件',
  problems_other: 'QC：指摘 {{count}} 件',
  notEvaluableBadge: '評価不能',
  details: 'この検査の撮像品質管理（QC）',
  none: 'この検査には確認項目がありません。',
  level: {
    pass: '合格',
    warn: '注意',
    fail: '不合格',
    unknown: '不明',
  },
  finding: {
    hbpFail: '肝細胞相は造影剤注入後 {{minutes}} 分 — 試験の最低 {{min}} 分未満（推奨 {{rec}} 分）',
    hbpWarn: '肝細胞相は造影剤注入後 {{minutes}} 分 — 推奨 {{rec}} 分未満',
    hbpPass: '肝細胞相は造影剤注入後 {{minutes}} 分',
    hbpMissing: 'EOB-MRI に肝細胞相がありません',
    hbpUnknown: '肝細胞相の遅延時間が不明：造影開始時刻もダイナミック相の時刻もありません',
    dwiPass: 'DWI の b 値 {{count}} 種類',
    dwiFail:
      'DWI の b 値 {{count}} 種類 — 試験では {{need}} 種類（うち 1 つは {{high}} s/mm² 以上）が必要',
    dwiMissing: 'DWI シリーズがありません',
    adcPass: 'ADC マップあり、または計算可能',
    adcFail: 'ADC マップがなく、計算に足る DWI の b 値もありません',
    thickness: '{{series}}：スライス厚 {{value}} mm（上限 {{max}} mm）',
    missing: '{{series}}：約 {{value}} スライス欠損',
    duplicated: '{{series}}：スライス位置の重複 {{value}} 件',
    agent: '{{series}}：造影後シリーズのヘッダーに造影剤の記載がありません',
  },
  markLabel: 'この検査が評価不能な理由',
  mark: '評価不能とする',
  clear: '評価可能に戻す',
  marked: '評価不能：{{reason}}',
  markedGroups: '{{timepoint}} の {{groups}} の判定は評価不能として扱われます。',
  notice:
    '{{timepoint}} の検査が評価不能とされています（{{reason}}）：{{groups}} の判定は評価不能として扱われます。',
  reasonRequired: '理由を入力してください。',
  signedNote: '署名済みの読影です。変更するには修正（Amend）してください。',
};
