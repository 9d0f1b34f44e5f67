import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// flask-vite serves the first *.js and *.css it finds in dist/assets, so the entry files get
// fixed names and code-split chunks live in dist/chunks (served by runtime/ui.py). All CSS goes
// into the one entry stylesheet (cssCodeSplit: false), so no second *.css ever lands in dist/assets.
//
// Flask serves the entry at /_vite/dabble.js, so a chunk must never import the entry (it would load it a
// second time from /assets/dabble.js): everything the entry imports statically goes into the "core" chunk,
// and the entry holds main.jsx alone.
function staticallyImported(getModuleIds, getModuleInfo) {
  const entry = [...getModuleIds()].find((id) => getModuleInfo(id)?.isEntry);
  const seen = new Set();
  const queue = [...(getModuleInfo(entry)?.importedIds ?? [])];
  while (queue.length) {
    const id = queue.pop();
    if (seen.has(id) || id === entry) continue;
    seen.add(id);
    queue.push(...(getModuleInfo(id)?.importedIds ?? []));
  }
  return seen;
}
let core = null;
function manualChunks(id, { getModuleIds, getModuleInfo }) {
  core ??= staticallyImported(getModuleIds, getModuleInfo);
  return core.has(id) ? "core" : undefined;
}

export default defineConfig({
  plugins: [react()],
  server: {
    port: 3000,
    // `npm run dev` beside `dabble serve`: the API (and the sign-in cookie) come from Flask, at DABBLE_API_URL if set.
    proxy: { "/api": process.env.DABBLE_API_URL || "http://127.0.0.1:5000" },
  },
  build: {
    manifest: true,
    cssCodeSplit: false,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: "src/main.jsx",
      output: {
        entryFileNames: "assets/dabble.js",
        manualChunks,
        chunkFileNames: "chunks/[name]-[hash].js",
        assetFileNames: (asset) =>
          asset.names?.some((name) => name.endsWith(".css")) ? "assets/dabble.css" : "media/[name]-[hash][extname]",
      },
    },
  },
  // Component tests (*.test.jsx) run in jsdom; pure helpers (*.test.js) in plain Node, which starts much faster.
  test: {
    setupFiles: ["src/test/setup.js"],
    css: false,
    projects: [
      { extends: true, test: { name: "components", include: ["src/**/*.test.jsx"], environment: "jsdom" } },
      { extends: true, test: { name: "helpers", include: ["src/**/*.test.js"], environment: "node" } },
    ],
  },
});
