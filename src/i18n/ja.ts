import type { Messages } from './en';

/** Japanese UI text (the study's readers are in Europe and Japan). */
export const ja: Messages = {
  app: {
    title: 'DREAM Reader',
    subtitle: '消失肝転移の読影',
    language: '言語',
  },
  library: {
    heading: '患者',
    loading: '読み込み中: {{read}} / {{total}} ファイル',
    problems: '問題 {{count}} 件',
    error: '読み込めませんでした: {{message}}',
    reading: 'ファイルを読み込み中',
    cancel: 'キャンセル',
    empty: '患者が見つかりません。',
    timepoints: '時点',
    series: '{{count}} シリーズ',
    open: '開く',
  },
  patient: {
    back: '患者一覧',
    heading: '患者 {{id}}',
    timepoint: {
      baseline: 'ベースライン',
      preop: '術前',
      followup: 'フォローアップ {{n}}',
    },
    images: '{{count}} 画像',
    slice: 'スライス {{index}} / {{count}}',
    loadingImage: '読み込み中…',
    imageError: '画像を表示できません: {{message}}',
  },
  role: {
    CT: 'CT {{phase}}',
    DWI: 'DWI b={{b}}',
    ADC: 'ADCマップ',
    T1: 'T1強調',
    T2: 'T2強調',
    EOB: 'EOB {{phase}}',
    other: 'その他',
  },
};
