import type { PacsMessages } from './en';

/** Japanese UI text of storing reads in a PACS and loading them back. */
export const pacsJa: PacsMessages = {
  store: {
    button: 'PACS に保存',
    titleReady: '署名済みの読影結果を DICOM SR として {{server}} の画像と同じ場所に保存します',
    titleNotSigned: '先に署名してください。PACS に保存できるのは署名済みの読影結果だけです',
    titleNoServer:
      'この患者の画像は DICOMweb サーバーから読み込まれていません。読影結果を保存するには PACS から検査を開いてください',
    storing: '版 {{version}} の SR を PACS に保存しています…',
    retrying: '版 {{version}} の SR を PACS に保存しています…（{{attempt}} 回目）',
    stored: 'PACS に保存しました: 版 {{version}}、SOP Instance UID {{uid}}',
    versions: 'PACS にある版: {{versions}}',
    serverSaid: 'サーバーからのメッセージ: {{detail}}',
    dismiss: '閉じる',
    error: {
      'not-signed': '保存されていません。PACS に保存できるのは署名済みの読影結果だけです。',
      conflict:
        '保存されていません。PACS が保存済みの内容と矛盾するとして SR を拒否しました（HTTP {{status}}）。',
      unauthorized:
        '保存されていません。PACS がアクセスを拒否しました（HTTP {{status}}）。トークンを確認してください。',
      refused: '保存されていません。PACS が SR を拒否しました（HTTP {{status}}）。',
      unavailable:
        '保存されていません。再試行しても PACS がエラーを返しました（HTTP {{status}}）。',
      timeout: '保存されていません。再試行しても {{server}} の PACS が時間内に応答しませんでした。',
      network: '保存されていません。再試行しても {{server}} の PACS に接続できませんでした。',
    },
  },
  review: {
    heading: 'PACS から（DICOMweb）',
    url: 'サーバー URL',
    patients: '患者 ID（任意。複数はスペースかカンマで区切る）',
    load: 'PACS から読影結果を読み込む',
    loaded: 'PACS にある DREAM の SR: {{found}} 件、読み込み: {{loaded}} 件。',
    failed: 'PACS の読影結果を読み込めませんでした: {{message}}',
    origin: 'PACS（SR {{uid}}）',
  },
};
