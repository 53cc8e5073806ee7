// Runs before the npm scripts that start compiled code. In a development checkout (TypeScript
// installed) it builds dist/ so that the code run is the code on disk. The production image has
// dist/ built and no compiler (development packages are left out of it), so there it only checks
// that dist/ is present and never builds at run time.
const { existsSync } = require('node:fs');
const { execSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
let compiler = null;
try {
  compiler = require.resolve('typescript/package.json', { paths: [root] });
} catch {
  // no compiler: an installation without development packages, such as the Docker image
}
if (compiler) {
  // Build output goes to stderr: import-report's stdout is its result.
  execSync('npm run -s build', { cwd: root, stdio: ['ignore', 2, 2] });
} else if (!existsSync(join(root, 'dist', 'apps', 'api', 'src', 'main.js'))) {
  console.error(
    'dist/ is missing and TypeScript is not installed: run `npm ci && npm run build` (or rebuild the image).',
  );
  process.exit(1);
}
