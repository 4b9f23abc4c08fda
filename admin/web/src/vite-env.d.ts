// Vite lets the entry import its stylesheet; tell TypeScript what a .css import is.
declare module '*.css';
