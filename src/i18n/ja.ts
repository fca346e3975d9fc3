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
    noPatientId: '（患者IDなし）',
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
  tree: {
    label: 'シリーズ',
    examTimepoint: '{{date}} の検査の時点',
    seriesRole: 'シリーズ {{description}} の役割',
    automatic: '自動判定に戻す',
    source: {
      'trial-tag': '試験タグより',
      'date-order': '検査日順',
      reader: '読影者が設定',
    },
  },
  files: {
    heading: 'ローカルファイル',
    openFiles: 'ファイルを開く…',
    openFolder: 'フォルダを開く…',
    dropHint: 'またはDICOMファイル・フォルダ・ZIPをこのウィンドウにドロップ',
    dropHere: 'ドロップして開く',
    summary:
      '{{files}} ファイルを読み込み: DICOM {{instances}} 件、読めないもの {{problems}} 件、DICOMDIR {{dicomdirs}} 件をスキップ',
    cancelled: '読み込みをキャンセルしました。',
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
  dicomweb: {
    heading: 'DICOMweb サーバー',
    url: 'サーバー URL',
    token: 'アクセストークン（任意）',
    patientId: '患者 ID',
    patientName: '患者名',
    studyDate: '検査日（YYYYMMDD）',
    search: '検索',
    searching: '検索中…',
    results: '見つかった検査',
    noResults: '該当する検査はありません。',
    columns: {
      patientId: '患者 ID',
      patientName: '氏名',
      studyDate: '日付',
      description: '説明',
      modalities: 'モダリティ',
      series: 'シリーズ',
    },
    open: '開く',
    openAll: 'すべて開く',
    error: {
      network:
        'DICOMweb サーバー {{url}} に接続できません（サーバー停止、アドレス誤り、または CORS なし）。',
      unauthorized:
        'DICOMweb サーバーがアクセスを拒否しました（HTTP {{status}}、{{url}}）。トークンを確認してください。',
      'not-found': '見つかりません（HTTP 404、{{url}}）。サーバー URL は DICOMweb のルートですか？',
      http: 'DICOMweb サーバーのエラーです（HTTP {{status}}、{{url}}）。',
      'not-dicomweb': '{{url}} から DICOMweb の応答がありません。サーバー URL を確認してください。',
    },
  },
};
