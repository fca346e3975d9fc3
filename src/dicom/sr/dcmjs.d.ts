// dcmjs 0.52 ships no type declarations; this covers the little the app and the tests use: the
// low-level dataset (de)naturalizer, Part 10 writer and reader (src/dicom/sr, test/dicom).
declare module 'dcmjs' {
  interface DicomElement {
    vr: string;
    Value?: unknown[];
  }
  type DenaturalizedDataset = Record<string, DicomElement>;
  interface DicomDict {
    meta: DenaturalizedDataset;
    dict: DenaturalizedDataset;
    write(options?: Record<string, unknown>): ArrayBuffer;
  }
  const dcmjs: {
    data: {
      DicomDict: new (meta: DenaturalizedDataset) => DicomDict;
      DicomMessage: {
        readFile(buffer: ArrayBuffer, options?: Record<string, unknown>): DicomDict;
      };
      DicomMetaDictionary: {
        denaturalizeDataset(dataset: Record<string, unknown>): DenaturalizedDataset;
        naturalizeDataset(dataset: DenaturalizedDataset): Record<string, unknown>;
      };
    };
  };
  export default dcmjs;
}
