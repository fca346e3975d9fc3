// dcmjs 0.52 ships no type declarations; this covers the little the tests use to write files.
declare module 'dcmjs' {
  interface DicomElement {
    vr: string;
    Value?: unknown[];
  }
  type DenaturalizedDataset = Record<string, DicomElement>;
  interface DicomDict {
    dict: DenaturalizedDataset;
    write(options?: Record<string, unknown>): ArrayBuffer;
  }
  const dcmjs: {
    data: {
      DicomDict: new (meta: DenaturalizedDataset) => DicomDict;
      DicomMetaDictionary: {
        denaturalizeDataset(dataset: Record<string, unknown>): DenaturalizedDataset;
      };
    };
  };
  export default dcmjs;
}
