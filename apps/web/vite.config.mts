// The people's front end: built into dist/web, served by the API at /workbench. Every asset is
// bundled from node_modules, so the pages load nothing from outside the service.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/workbench/',
  plugins: [vue()],
  logLevel: 'warn',
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // Two pages of one application: the workbench and the county dashboard (served at /dashboard).
      input: { index: here('index.html'), dashboard: here('dashboard.html') },
      output: {
        // The component library and the charts change less often than the pages: their own chunks
        // stay cached across releases of the pages.
        codeSplitting: {
          groups: [
            { name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus)/ },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|vue-echarts)/ },
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router)[\\/]/ },
          ],
        },
      },
    },
  },
});
