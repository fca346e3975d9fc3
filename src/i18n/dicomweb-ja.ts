import type { DicomwebMessages } from './en';

/** Japanese UI text of the DICOMweb panel (src/i18n/dicomweb-en.ts). */
export const dicomwebJa: DicomwebMessages = {
  timeout: 'リクエストの制限時間（秒）',
  retry: '再試行',
  openFailed: 'スタディを開けませんでした（上のメッセージを参照）。',
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
    timeout: '{{url}} の DICOMweb サーバーが {{seconds}} 秒以内に応答しませんでした。',
    network:
      'DICOMweb サーバー {{url}} に接続できません（サーバー停止、アドレス誤り、または CORS なし）。',
    unauthorized:
      'DICOMweb サーバーがアクセスを拒否しました（HTTP {{status}}、{{url}}）。トークンを確認してください。',
    'not-found': '見つかりません（HTTP 404、{{url}}）。サーバー URL は DICOMweb のルートですか？',
    http: 'DICOMweb サーバーのエラーです（HTTP {{status}}、{{url}}）。',
    'not-dicomweb': '{{url}} から DICOMweb の応答がありません。サーバー URL を確認してください。',
  },
};
