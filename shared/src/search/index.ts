export * from './text.js';
export * from './search-index.js';
