export * from './publish-impact';
export * from './plan-run-move';
