// Resolves the @app/* aliases of tsconfig.json against the compiled tree in dist/ at run time.
const path = require('node:path');
const tsconfig = require('../tsconfig.json');
require('tsconfig-paths').register({
  baseUrl: path.join(__dirname, '..', 'dist'),
  paths: tsconfig.compilerOptions.paths,
});
