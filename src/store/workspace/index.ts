export * from './room';
export * from './viewer';
export * from './viewports';
export * from './workspace';
export * from './examQc';
