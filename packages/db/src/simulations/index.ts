export * from './simulation-request';
export * from './load-recorded-period.sql';
export * from './manage-simulations';
export * from './run-simulations.sql';
export * from './run-simulation';
