import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The staff console, built into admin/web/dist and served by the hub at /.
export default defineConfig({
  root: 'src',
  base: '/',
  plugins: [react()],
  build: { outDir: '../dist', emptyOutDir: true },
});
