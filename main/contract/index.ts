export * from './api';
export * from './availability';
export * from './catalog';
export * from './languages';
export * from './printer';
export * from './search';
export * from './ticket';
export * from './transport';
