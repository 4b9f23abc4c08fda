// electron-builder reads this file (it loads TypeScript itself); the configuration and its fuse
// hook live in src/electron/packaging so they are type-checked and tested with the shell.
// Package with: npx electron-builder --projectDir kiosk --config electron-builder.config.ts
export { builderConfig as default } from './src/electron/packaging/builder-config.ts';
