import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The staff console, built into admin/web/dist and served by the hub under /console/.
export default defineConfig({
  root: 'src',
  base: '/console/',
  plugins: [react()],
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022' },
});
