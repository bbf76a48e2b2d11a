import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { appVersion } from '../server/app.js';
import { registerDbCommands } from './db-commands.js';
import { registerServeCommand } from './serve.js';

const program = new Command();
program
  .name('hopejobs')
  .description('희망일자리 평가 플랫폼 / HopeJobs — city–district job-policy evaluation')
  .version(appVersion)
  .showHelpAfterError();

registerServeCommand(program);
registerDbCommands(program);

// The scoring CLI lives beside the engine; it is registered when present.
if (existsSync(new URL('./score.ts', import.meta.url))) {
  const scoreModule = './score.js';
  const { registerScoreCommand } = (await import(scoreModule)) as {
    registerScoreCommand: (p: Command) => void;
  };
  registerScoreCommand(program);
}

await program.parseAsync(process.argv);
