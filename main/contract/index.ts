export * from './api';
export * from './catalog';
export * from './languages';
export * from './ticket';
export * from './transport';
