import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// flask-vite serves the first *.js and *.css it finds in dist/assets, so the entry files get
// fixed names and code-split chunks live in dist/chunks.
export default defineConfig({
  plugins: [react()],
  build: {
    manifest: true,
    rollupOptions: {
      input: "src/main.jsx",
      output: {
        entryFileNames: "assets/dabble.js",
        chunkFileNames: "chunks/[name]-[hash].js",
        assetFileNames: (asset) =>
          asset.names?.some((name) => name.endsWith(".css")) ? "assets/dabble.css" : "media/[name]-[hash][extname]",
      },
    },
  },
});
