/** Rigid registration between exams: transforms, volumes, the quality metric and the plan. */
export * from './rigid.ts';
export * from './volume.ts';
export * from './plan.ts';
export * from './sliceMap.ts';
